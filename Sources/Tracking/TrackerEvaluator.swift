import FeedModel
import FigureExtraction

/// One keyword tracker firing on one article.
public struct TrackerHit: Sendable, Equatable {
    public var tracker: Tracker
    public var kind: AlertKind
    public var matched: [String]
    public var excerpt: String
}

/// A figure tracker's reading of one article; whether it raises an alert depends on the value
/// the tracker last reported, which the caller holds.
public struct FigureObservationDraft: Sendable, Equatable {
    public var tracker: Tracker
    public var rule: FigureRule
    public var reading: FigureReading
}

/// Everything the trackers found in one article.
public struct TrackerFindings: Sendable, Equatable {
    public var hits: [TrackerHit] = []
    public var figures: [FigureObservationDraft] = []
    public var isEmpty: Bool { hits.isEmpty && figures.isEmpty }

    /// What the trackers whose scope takes this feed found: an article is read once for every
    /// tracker, and each feed that brings it in keeps the findings of its own trackers.
    public func admitted(feedID: Int64?, tags: [String]) -> TrackerFindings {
        TrackerFindings(
            hits: hits.filter { $0.tracker.scope.admits(feedID: feedID, tags: tags) },
            figures: figures.filter { $0.tracker.scope.admits(feedID: feedID, tags: tags) })
    }
}

/// Runs every tracker over an article. The article is read once for all trackers: every term of
/// every tracker is folded once, when the evaluator is made, into one table; each article's words
/// are looked up in it in a single pass; and figures are extracted only in the sentences that
/// hold a figure tracker's term, once however many trackers read them. The cost grows with the
/// text, and by a few lookups per tracker. One evaluator can serve many threads at once: its only
/// mutable state is a cache of folded words behind a lock.
public struct TrackerEvaluator: Sendable {
    private let phrases: PhraseTable
    // Trackers apart from their terms, read by index: a tracker is copied into the findings
    // only when it fires, not for every article it reads.
    private let keywordTrackers: [Tracker]
    private let keywordTerms: [KeywordTerms]
    private let figureTrackers: [(tracker: Tracker, rule: FigureRule)]
    private let figureTerms: [FigureTerms]
    private let foldedWords = FoldedWordCache()

    public init(trackers: [Tracker]) {
        var phrases = PhraseTable()
        var keyword: [Tracker] = []
        var keywordTerms: [KeywordTerms] = []
        var figure: [(tracker: Tracker, rule: FigureRule)] = []
        var figureTerms: [FigureTerms] = []
        for tracker in trackers {
            switch tracker.rule {
            case .keyword(let rule):
                keyword.append(tracker)
                keywordTerms.append(KeywordTerms(rule: rule, phrases: &phrases))
            case .figure(let rule):
                figure.append((tracker, rule))
                figureTerms.append(FigureTerms(rule: rule, phrases: &phrases))
            }
        }
        self.phrases = phrases
        keywordTrackers = keyword
        self.keywordTerms = keywordTerms
        figureTrackers = figure
        self.figureTerms = figureTerms
    }

    public var isEmpty: Bool { keywordTrackers.isEmpty && figureTrackers.isEmpty }

    public func evaluate(title: String?, text: String) -> TrackerFindings {
        var findings = TrackerFindings()
        guard !isEmpty else { return findings }
        let document = ArticleDocument(title: title, text: text)
        let found = PhraseOccurrences(in: document, of: phrases, foldedWords: foldedWords)
        // Every tracker needs one of its terms to occur.
        guard !found.isEmpty else { return findings }
        var sentences = ArticleSentences(document)
        for index in keywordTerms.indices {
            if let match = keywordTerms[index].match(found, in: document, excerpt: { sentences.excerpt(containing: $0) }) {
                findings.hits.append(
                    TrackerHit(tracker: keywordTrackers[index], kind: .keywordMatched, matched: match.matched, excerpt: match.excerpt))
            }
        }
        for index in figureTerms.indices {
            if let reading = figureTerms[index].reading(
                found, in: document, figuresAround: { sentences.figures(inSentenceContaining: $0) }) {
                let (tracker, rule) = figureTrackers[index]
                findings.figures.append(FigureObservationDraft(tracker: tracker, rule: rule, reading: reading))
            }
        }
        return findings
    }
}
