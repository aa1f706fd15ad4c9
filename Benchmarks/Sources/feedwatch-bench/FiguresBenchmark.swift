import ArticleText
import FeedModel
import FigureExtraction
import Foundation
import Synchronization
import Tracking

/// Figure extraction throughput and the cost of evaluating trackers, over parsed items; and a
/// differential check of `TrackerEvaluator` against the evaluator it replaced.
struct FiguresBenchmark {
    let items: [ParsedItem]

    func run() {
        let texts = items.map { ($0.title.map { $0 + "\n" } ?? "") + $0.text }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        let extractor = FigureExtractor()
        let cpuStart = cpuSeconds()
        let start = ContinuousClock.now
        var figures = 0
        for text in texts { figures += extractor.figures(in: text).count }
        let elapsed = seconds(ContinuousClock.now - start)
        let cpu = cpuSeconds() - cpuStart
        print(#"{"measure":"extract","seconds":\#(elapsed),"cpu_seconds":\#(cpu),"bytes":\#(bytes),"texts":\#(texts.count),"figures":\#(figures),"mb_per_s":\#(Double(bytes) / 1e6 / elapsed)}"#)

        for count in [1, 10, 100] {
            let evaluator = TrackerEvaluator(trackers: Self.trackers(count))
            let start = ContinuousClock.now
            var alerts = 0
            for item in items {
                let findings = evaluator.evaluate(title: item.title, text: item.text)
                alerts += findings.hits.count + findings.figures.count
            }
            let elapsed = seconds(ContinuousClock.now - start)
            let perPair = elapsed / Double(items.count * count) * 1e9
            let perArticle = elapsed / Double(items.count) * 1e6
            print(#"{"measure":"trackers","trackers":\#(count),"articles":\#(items.count),"seconds":\#(elapsed),"ns_per_article_tracker":\#(perPair),"us_per_article":\#(perArticle),"findings":\#(alerts)}"#)
        }

        // More trackers over the same ten terms: the cost of a tracker itself, not of the text its
        // terms make the evaluator read.
        var sameTerms: [Int: Double] = [:]
        for count in [10, 100] {
            let evaluator = TrackerEvaluator(trackers: Self.trackers(count, distinctTerms: 10))
            let start = ContinuousClock.now
            var alerts = 0
            for item in items {
                let findings = evaluator.evaluate(title: item.title, text: item.text)
                alerts += findings.hits.count + findings.figures.count
            }
            let perArticle = seconds(ContinuousClock.now - start) / Double(items.count) * 1e6
            sameTerms[count] = perArticle
            print(#"{"measure":"trackers_same_terms","trackers":\#(count),"distinct_terms":10,"articles":\#(items.count),"us_per_article":\#(perArticle),"findings":\#(alerts)}"#)
        }
        if let ten = sameTerms[10], let hundred = sameTerms[100] {
            print(#"{"measure":"extra_tracker","ns_per_article_per_extra_tracker":\#((hundred - ten) / 90 * 1e3)}"#)
        }

        for (name, trackers) in [("standard", Self.trackers(10)), ("standard", Self.trackers(100)), ("varied", Self.variedTrackers)] {
            compareWithReference(name, trackers)
        }
    }

    /// Evaluates every item with the evaluator and with `ReferenceTrackerEvaluator` (the one it
    /// replaced) and counts the items whose findings differ in any way: which trackers fired,
    /// matched terms, excerpts, figures (values, offsets, sentences), terms and texts.
    private func compareWithReference(_ name: String, _ trackers: [Tracker]) {
        let evaluator = TrackerEvaluator(trackers: trackers)
        let reference = ReferenceTrackerEvaluator(trackers: trackers)
        var mismatches = 0
        var findings = 0
        var evaluatorSeconds = 0.0
        var referenceSeconds = 0.0
        for item in items {
            let start = ContinuousClock.now
            let found = evaluator.evaluate(title: item.title, text: item.text)
            let middle = ContinuousClock.now
            let expected = reference.evaluate(title: item.title, text: item.text)
            evaluatorSeconds += seconds(middle - start)
            referenceSeconds += seconds(ContinuousClock.now - middle)
            findings += found.hits.count + found.figures.count
            if Outcome(found) != Outcome(expected) {
                mismatches += 1
                if mismatches <= 3 {
                    FileHandle.standardError.write(Data("mismatch (\(name), \(trackers.count) trackers) in \(item.title ?? "untitled"):\n  now \(Outcome(found))\n  was \(Outcome(expected))\n".utf8))
                }
            }
        }
        let articles = Double(items.count)
        print(#"{"measure":"trackers_vs_reference","set":"\#(name)","trackers":\#(trackers.count),"articles":\#(items.count),"findings":\#(findings),"mismatches":\#(mismatches),"us_per_article":\#(evaluatorSeconds / articles * 1e6),"reference_us_per_article":\#(referenceSeconds / articles * 1e6)}"#)
    }

    /// Half keyword trackers, half figure trackers, with terms that occur in wire copy and terms
    /// that do not, drawn from the first `distinctTerms` of the list.
    static func trackers(_ count: Int, distinctTerms: Int = 20) -> [Tracker] {
        let terms = [
            "ceasefire", "troops", "sanctions", "per cent", "budget", "grain exports", "tariffs", "debt relief",
            "nuclear programme", "border dispute", "reconstruction aid", "prisoner exchanges", "fishing quotas",
            "gas transit", "Zaporizhzhia", "Kharkiv", "Zelensky", "election", "inflation", "refugees",
        ]
        return (0..<count).map { index in
            let used = min(max(distinctTerms, 1), terms.count)
            let term = terms[index % used]
            let rule: TrackerRule = index % 2 == 0
                ? .keyword(KeywordRule(terms: [term, terms[(index + 7) % used]]))
                : .figure(FigureRule(near: [term]))
            return Tracker(id: Int64(index + 1), name: "t\(index)", rule: rule)
        }
    }

    /// Rules of every shape: all terms required, excluded terms, repeated and overlapping phrases,
    /// terms that fold to nothing or to the same words, Cyrillic terms, units and small windows.
    static let variedTrackers: [Tracker] = {
        let rules: [TrackerRule] = [
            .keyword(KeywordRule(terms: ["talks", "Oslo"], requireAll: true)),
            .keyword(KeywordRule(terms: ["ceasefire"], exclude: ["strikes"])),
            .keyword(KeywordRule(terms: ["deal on", "deal", "on the table"])),
            .keyword(KeywordRule(terms: ["chief negotiator", "Chief  Negotiator", "—"])),
            .keyword(KeywordRule(terms: ["Переговоры", "войск", "Инфляция"])),
            .keyword(KeywordRule(terms: ["Zelenskyy", "Kyiv"], exclude: ["opinion"])),
            .keyword(KeywordRule(terms: ["percentage points", "per cent"], requireAll: true, exclude: ["household"])),
            .keyword(KeywordRule(terms: ["à", "Zürich", "São Paulo"])),
            .figure(FigureRule(near: ["troops", "troop levels"], unit: "count")),
            .figure(FigureRule(near: ["goods"], unit: "USD", window: 3)),
            .figure(FigureRule(near: ["percentage points"], unit: "percent")),
            .figure(FigureRule(near: ["loans and grants", "loans"], window: 2)),
            .figure(FigureRule(near: ["prisoners"], window: 0)),
            .figure(FigureRule(near: ["человек", "войск"])),
            .figure(FigureRule(near: ["households", "of the text"], unit: "percent", window: 20)),
            .figure(FigureRule(near: ["talks"], unit: "count")),
        ]
        return rules.enumerated().map { Tracker(id: Int64($0.offset + 1), name: "v\($0.offset)", rule: $0.element) }
    }()
}

/// What an evaluation found, in one comparable shape for the evaluator and its reference.
private struct Outcome: Equatable, CustomStringConvertible {
    struct Hit: Equatable {
        var tracker: Tracker
        var kind: AlertKind
        var matched: [String]
        var excerpt: String
    }

    struct Reading: Equatable {
        var tracker: Tracker
        var rule: FigureRule
        var figure: Figure
        var term: String
        var text: String
    }

    var hits: [Hit]
    var readings: [Reading]

    init(_ findings: TrackerFindings) {
        hits = findings.hits.map { Hit(tracker: $0.tracker, kind: $0.kind, matched: $0.matched, excerpt: $0.excerpt) }
        readings = findings.figures.map {
            Reading(tracker: $0.tracker, rule: $0.rule, figure: $0.reading.figure, term: $0.reading.term, text: $0.reading.text)
        }
    }

    init(_ findings: ReferenceTrackerFindings) {
        hits = findings.hits.map { Hit(tracker: $0.tracker, kind: $0.kind, matched: $0.matched, excerpt: $0.excerpt) }
        readings = findings.figures.map {
            Reading(tracker: $0.tracker, rule: $0.rule, figure: $0.reading.figure, term: $0.reading.term, text: $0.reading.text)
        }
    }

    var description: String {
        "hits \(hits.map { "\($0.tracker.name) \($0.matched) \($0.excerpt.debugDescription)" }) "
            + "figures \(readings.map { "\($0.tracker.name) \($0.figure.value) \($0.figure.start)..<\($0.figure.end) \($0.term) \($0.text.debugDescription)" })"
    }
}

// MARK: - Reference: the tracker evaluator as it was before one pass matched every term

// Kept only for `compareWithReference`, under names of its own: it indexed every word of every
// article in a dictionary and extracted figures over the whole text.

/// One keyword tracker firing on one article.
struct ReferenceTrackerHit: Sendable, Equatable {
    var tracker: Tracker
    var kind: AlertKind
    var matched: [String]
    var excerpt: String
}

/// A figure tracker's reading of one article; whether it raises an alert depends on the value
/// the tracker last reported, which the caller holds.
struct ReferenceFigureObservationDraft: Sendable, Equatable {
    var tracker: Tracker
    var rule: FigureRule
    var reading: ReferenceFigureReading
}

/// Everything the trackers found in one article.
struct ReferenceTrackerFindings: Sendable, Equatable {
    var hits: [ReferenceTrackerHit] = []
    var figures: [ReferenceFigureObservationDraft] = []
    var isEmpty: Bool { hits.isEmpty && figures.isEmpty }
}

/// Runs every tracker over an article. Terms are folded once per tracker and figures extracted
/// at most once per article (only when a figure tracker's term occurs), so the cost is linear
/// in articles × trackers.
struct ReferenceTrackerEvaluator: Sendable {
    private let keywordTrackers: [(Tracker, ReferenceKeywordMatcher)]
    private let figureTrackers: [(Tracker, FigureRule, ReferenceFigureMatcher)]
    private let extractor = FigureExtractor()

    init(trackers: [Tracker]) {
        var keyword: [(Tracker, ReferenceKeywordMatcher)] = []
        var figure: [(Tracker, FigureRule, ReferenceFigureMatcher)] = []
        for tracker in trackers {
            switch tracker.rule {
            case .keyword(let rule): keyword.append((tracker, ReferenceKeywordMatcher(rule: rule)))
            case .figure(let rule): figure.append((tracker, rule, ReferenceFigureMatcher(rule: rule)))
            }
        }
        keywordTrackers = keyword
        figureTrackers = figure
    }

    var isEmpty: Bool { keywordTrackers.isEmpty && figureTrackers.isEmpty }

    func evaluate(title: String?, text: String) -> ReferenceTrackerFindings {
        var findings = ReferenceTrackerFindings()
        guard !isEmpty else { return findings }
        let document = ReferenceArticleDocument(title: title, text: text)
        findings.hits = keywordTrackers.compactMap { tracker, matcher in
            matcher.match(document).map {
                ReferenceTrackerHit(tracker: tracker, kind: .keywordMatched, matched: $0.matched, excerpt: $0.excerpt)
            }
        }
        var figures: [Figure]?
        for (tracker, rule, matcher) in figureTrackers where matcher.mentionsTerm(document) {
            let found = figures ?? extractor.figures(in: document.text)
            figures = found
            if let reading = matcher.reading(in: document, figures: found) {
                findings.figures.append(ReferenceFigureObservationDraft(tracker: tracker, rule: rule, reading: reading))
            }
        }
        return findings
    }
}

/// An article's title and text as words folded for matching (case, diacritics and spelling
/// variants removed), indexed by word so that each term costs a lookup, not a scan.
struct ReferenceArticleDocument: Sendable {
    struct Word: Sendable {
        /// The matching key: see `ReferenceSpellingVariants`.
        var folded: String
        var range: Range<String.Index>
        /// Where the word is, in Unicode scalars from the start of `text` (as figures report it).
        var scalars: Range<Int>
    }

    /// `title`, a line break, then the body text: matches are located in this string.
    let text: String
    let words: [Word]
    /// Where the body starts in `text` (after the title and its line break).
    let bodyStart: String.Index
    private let positions: [String: [Int]]
    /// The sentences of `text`, for quoting the one around a match.
    let sentences: ReferenceSentenceIndex

    init(title: String?, text: String) {
        let combined = title.map { $0 + "\n" + text } ?? text
        self.text = combined
        sentences = ReferenceSentenceIndex(combined)
        bodyStart = title.map { combined.utf8.index(combined.startIndex, offsetBy: $0.utf8.count + 1) } ?? combined.startIndex
        let words = ReferenceWordSplitter.words(in: combined)
        self.words = words
        var positions: [String: [Int]] = [:]
        positions.reserveCapacity(words.count)
        for (index, word) in words.enumerated() { positions[word.folded, default: []].append(index) }
        self.positions = positions
    }

    /// Word indices where `phrase` (already folded words) starts.
    func occurrences(of phrase: [String]) -> [Int] {
        guard let first = phrase.first, let starts = positions[first] else { return [] }
        if phrase.count == 1 { return starts }
        return starts.filter { start in
            guard start + phrase.count <= words.count else { return false }
            for offset in 1..<phrase.count where words[start + offset].folded != phrase[offset] { return false }
            return true
        }
    }
}

/// Splits text into words: runs of letters, digits and combining marks.
enum ReferenceWordSplitter {
    static func words(in text: String) -> [ReferenceArticleDocument.Word] {
        var words: [ReferenceArticleDocument.Word] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var startOffset = 0
        var offset = 0
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if isWordScalar(scalar) {
                if start == nil {
                    start = index
                    startOffset = offset
                }
            } else if let wordStart = start {
                words.append(word(text, wordStart..<index, startOffset..<offset))
                start = nil
            }
            index = scalars.index(after: index)
            offset += 1
        }
        if let wordStart = start { words.append(word(text, wordStart..<scalars.endIndex, startOffset..<offset)) }
        return words
    }

    /// A term typed by the user, as the folded words it must match.
    static func foldedWords(of term: String) -> [String] {
        words(in: term).map(\.folded)
    }

    static func fold(_ word: Substring) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return ReferenceSpellingVariants.key(ascii: word) }
        return ReferenceSpellingVariants.key(
            word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil))
    }

    private static func word(_ text: String, _ range: Range<String.Index>, _ scalars: Range<Int>) -> ReferenceArticleDocument.Word {
        ReferenceArticleDocument.Word(folded: fold(text[range]), range: range, scalars: scalars)
    }

    @inline(__always) private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x30 && value <= 0x39) || ((value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
    }
}

/// An article's sentences, split on first use and shared by every tracker that quotes one, so a
/// hundred matching trackers split the text once, not a hundred times.
final class ReferenceSentenceIndex: Sendable {
    private let text: String
    private let sentences = Mutex<[Substring]?>(nil)

    init(_ text: String) {
        self.text = text
    }

    /// The sentence that contains `position`, if any.
    func sentence(containing position: String.Index) -> Substring? {
        let all = sentences.withLock { cached in
            if let cached { return cached }
            let split = Sentences.split(text)
            cached = split
            return split
        }
        // The last sentence starting at or before the position.
        var low = 0
        var high = all.count
        while low < high {
            let middle = (low + high) / 2
            if all[middle].startIndex <= position { low = middle + 1 } else { high = middle }
        }
        guard low > 0, position < all[low - 1].endIndex else { return nil }
        return all[low - 1]
    }
}

/// A keyword tracker's verdict on one article.
struct ReferenceKeywordMatch: Sendable, Equatable {
    /// The terms found, as the user wrote them.
    var matched: [String]
    /// The sentence around the first match.
    var excerpt: String
}

/// Applies a `KeywordRule`: terms are whole words or phrases, case- and diacritics-insensitive;
/// any term (or, with `requireAll`, every term) must occur and no excluded term may.
struct ReferenceKeywordMatcher: Sendable {
    private let rule: KeywordRule
    private let terms: [(term: String, words: [String])]
    private let excluded: [[String]]

    init(rule: KeywordRule) {
        self.rule = rule
        terms = rule.terms.map { ($0, ReferenceWordSplitter.foldedWords(of: $0)) }.filter { !$0.words.isEmpty }
        excluded = rule.exclude.map(ReferenceWordSplitter.foldedWords(of:)).filter { !$0.isEmpty }
    }

    func match(_ document: ReferenceArticleDocument) -> ReferenceKeywordMatch? {
        var matched: [String] = []
        var occurrences: [Int] = []
        for (term, words) in terms {
            let found = document.occurrences(of: words)
            if found.isEmpty {
                if rule.requireAll { return nil }
                continue
            }
            matched.append(term)
            occurrences += found
        }
        guard !matched.isEmpty else { return nil }
        for words in excluded where !document.occurrences(of: words).isEmpty { return nil }
        // The excerpt comes from the body when the body mentions a term: the title alone says less.
        let positions = occurrences.map { document.words[$0].range.lowerBound }.sorted()
        let position = positions.first { $0 >= document.bodyStart } ?? positions[0]
        let sentence = document.sentences.sentence(containing: position) ?? document.text[...]
        return ReferenceKeywordMatch(matched: matched, excerpt: String(sentence))
    }
}

/// The value a figure tracker reads in one article.
struct ReferenceFigureReading: Sendable, Equatable {
    var figure: Figure
    /// The term the figure was found near, as the user wrote it.
    var term: String
    /// The figure with its noun when the term follows it ("800,000 troops"), else the figure.
    var text: String
}

/// Applies a `FigureRule`: the figure (of the rule's unit) closest to a term in the same
/// sentence, at most `window` words away; the closest anywhere in the article wins, then the earliest.
struct ReferenceFigureMatcher: Sendable {
    private let rule: FigureRule
    private let terms: [(term: String, words: [String])]

    init(rule: FigureRule) {
        self.rule = rule
        terms = rule.near.map { ($0, ReferenceWordSplitter.foldedWords(of: $0)) }.filter { !$0.words.isEmpty }
    }

    /// Whether any term occurs at all: only then are the article's figures worth extracting.
    func mentionsTerm(_ document: ReferenceArticleDocument) -> Bool {
        terms.contains { !document.occurrences(of: $0.words).isEmpty }
    }

    func reading(in document: ReferenceArticleDocument, figures: [Figure]) -> ReferenceFigureReading? {
        // The same choice as `FigureTerms`: levels only; an accepted status, then a figure that
        // counts the term, then a level before a part, then the closest, then the earliest.
        var best: (rank: [Int], figure: Figure, term: String, termWords: Range<Int>)?
        let accepted = FigureStatus.acceptedByDefault.union(rule.accept.compactMap(FigureStatus.init(rawValue:)))
        let candidates = figures.filter { (rule.unit == nil || $0.unit == rule.unit) && $0.role.isLevel }
        guard !candidates.isEmpty else { return nil }
        for (term, words) in terms {
            for start in document.occurrences(of: words) {
                let termWords = start..<(start + words.count)
                let termStart = document.words[start].scalars.lowerBound
                for figure in candidates where figure.sentenceRange.contains(termStart) {
                    guard let figureWords = wordSpan(of: figure, in: document) else { continue }
                    let distance = gap(figureWords, termWords)
                    guard distance <= rule.window else { continue }
                    let rank = [
                        accepted.contains(figure.status) ? 0 : 1, figure.nounRange.map { $0.contains(termStart) ? 0 : 2 } ?? 1,
                        figure.role == .part ? 1 : 0, distance, figure.start,
                    ]
                    if let current = best, !rank.lexicographicallyPrecedes(current.rank) { continue }
                    best = (rank, figure, term, termWords)
                }
            }
        }
        guard let best else { return nil }
        return ReferenceFigureReading(figure: best.figure, term: best.term, text: evidenceText(best.figure, best.termWords, in: document))
    }

    /// Words between two spans (0 when they touch or overlap).
    private func gap(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        if b.lowerBound >= a.upperBound { return b.lowerBound - a.upperBound }
        if a.lowerBound >= b.upperBound { return a.lowerBound - b.upperBound }
        return 0
    }

    /// The indices of the words that overlap the figure's text.
    private func wordSpan(of figure: Figure, in document: ReferenceArticleDocument) -> Range<Int>? {
        let words = document.words
        var low = 0
        var high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle].scalars.upperBound <= figure.start { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < words.count, words[end].scalars.lowerBound < figure.end { end += 1 }
        return low < end ? low..<end : nil
    }

    private func evidenceText(_ figure: Figure, _ termWords: Range<Int>, in document: ReferenceArticleDocument) -> String {
        guard let span = wordSpan(of: figure, in: document), termWords.lowerBound >= span.upperBound,
              termWords.lowerBound - span.upperBound <= 1
        else { return figure.text }
        let scalars = document.text.unicodeScalars
        let start = scalars.index(scalars.startIndex, offsetBy: figure.start)
        return String(document.text[start..<document.words[termWords.upperBound - 1].range.upperBound])
    }
}

/// Folds a word (already lower-cased, diacritics removed) to a key shared by its common
/// spellings and transliterations, so that a term matches them all as one: Zelensky, Zelenskyy,
/// Zelenskiy, Zelenskij, Зеленский and Зеленський all fold to `zelenski`.
///
/// The rules: Cyrillic is transliterated; `y` and `j` read as `i`; `kh` as `h`; `x` as `ks`; and a
/// doubled letter as one. Digits are left alone.
enum ReferenceSpellingVariants {
    /// The key of an ASCII word, lower-cased on the way, without intermediate strings.
    static func key(ascii word: Substring) -> String {
        let bytes = word.utf8
        return String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            var count = 0
            var last: UInt8 = 0
            for byte in bytes {
                var letter = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                switch letter {
                case 0x79, 0x6A: letter = 0x69  // y, j → i
                case 0x78:  // x → ks
                    if last != 0x6B {
                        buffer[count] = 0x6B
                        count += 1
                    }
                    last = 0x6B
                    letter = 0x73
                case 0x68 where last == 0x6B:  // kh → h
                    buffer[count - 1] = 0x68
                    last = 0x68
                    continue
                default: break
                }
                if letter == last, letter >= 0x61, letter <= 0x7A { continue }
                buffer[count] = letter
                count += 1
                last = letter
            }
            return count
        }
    }

    static func key(_ folded: String) -> String {
        var key = String.UnicodeScalarView()
        var last: Unicode.Scalar?
        for scalar in folded.unicodeScalars {
            if scalar.value >= 0x400, scalar.value < 0x500, let latin = cyrillic[scalar] {
                for letter in latin.unicodeScalars { append(letter, to: &key, last: &last) }
            } else {
                append(scalar, to: &key, last: &last)
            }
        }
        return String(key)
    }

    private static func append(_ scalar: Unicode.Scalar, to key: inout String.UnicodeScalarView, last: inout Unicode.Scalar?) {
        var letter = scalar
        switch letter {
        case "y", "j": letter = "i"
        case "x":
            append("k", to: &key, last: &last)
            letter = "s"
        case "h" where last == "k":
            key.removeLast()
            key.append("h")
            last = "h"
            return
        default: break
        }
        if letter == last, letter.isASCII ? (letter.value | 0x20) >= 0x61 && (letter.value | 0x20) <= 0x7A : letter.properties.isAlphabetic {
            return
        }
        key.append(letter)
        last = letter
    }

    /// Russian and Ukrainian letters (after diacritics folding, so й is и and ї is і).
    private static let cyrillic: [Unicode.Scalar: String] = [
        "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
        "и": "i", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
        "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
        "щ": "shch", "ъ": "", "ы": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia", "ё": "e",
    ]
}
