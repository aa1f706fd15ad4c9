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
}

/// Runs every tracker over an article. Terms are folded once per tracker and figures extracted
/// at most once per article (only when a figure tracker's term occurs), so the cost is linear
/// in articles × trackers.
public struct TrackerEvaluator: Sendable {
    private let keywordTrackers: [(Tracker, KeywordMatcher)]
    private let figureTrackers: [(Tracker, FigureRule, FigureMatcher)]
    private let extractor = FigureExtractor()

    public init(trackers: [Tracker]) {
        var keyword: [(Tracker, KeywordMatcher)] = []
        var figure: [(Tracker, FigureRule, FigureMatcher)] = []
        for tracker in trackers {
            switch tracker.rule {
            case .keyword(let rule): keyword.append((tracker, KeywordMatcher(rule: rule)))
            case .figure(let rule): figure.append((tracker, rule, FigureMatcher(rule: rule)))
            }
        }
        keywordTrackers = keyword
        figureTrackers = figure
    }

    public var isEmpty: Bool { keywordTrackers.isEmpty && figureTrackers.isEmpty }

    public func evaluate(title: String?, text: String) -> TrackerFindings {
        var findings = TrackerFindings()
        guard !isEmpty else { return findings }
        let document = ArticleDocument(title: title, text: text)
        findings.hits = keywordTrackers.compactMap { tracker, matcher in
            matcher.match(document).map {
                TrackerHit(tracker: tracker, kind: .keywordMatched, matched: $0.matched, excerpt: $0.excerpt)
            }
        }
        var figures: [Figure]?
        for (tracker, rule, matcher) in figureTrackers where matcher.mentionsTerm(document) {
            let found = figures ?? extractor.figures(in: document.text)
            figures = found
            if let reading = matcher.reading(in: document, figures: found) {
                findings.figures.append(FigureObservationDraft(tracker: tracker, rule: rule, reading: reading))
            }
        }
        return findings
    }
}
