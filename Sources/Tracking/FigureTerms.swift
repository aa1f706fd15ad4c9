import FeedModel
import FigureExtraction

/// A `FigureRule` with its terms folded into phrases of a shared `PhraseTable`.
struct FigureTerms: Sendable {
    private let rule: FigureRule
    private let terms: [(term: String, phrase: Int)]
    /// The statuses the rule accepts, one bit each (see `bit(of:)`): tested for every candidate
    /// figure, where a `Set` would hash the status each time.
    private let accepted: UInt8

    init(rule: FigureRule, phrases: inout PhraseTable) {
        self.rule = rule
        terms = rule.near.compactMap { term in phrases.add(term).map { (term, $0) } }
        accepted = FigureStatus.acceptedByDefault.union(rule.accept.compactMap(FigureStatus.init(rawValue:)))
            .reduce(0) { $0 | Self.bit(of: $1) }
    }

    private static func bit(of status: FigureStatus) -> UInt8 {
        switch status {
        case .reported: 1 << 0
        case .attributed: 1 << 1
        case .denied: 1 << 2
        case .rejected: 1 << 3
        case .proposed: 1 << 4
        case .forecast: 1 << 5
        }
    }

    /// The figure (of the rule's unit) that gives the level of what a term names, in the same
    /// sentence as an occurrence of the term and at most `window` words away. Figures that are
    /// not a level (a change, a previous level, an age, a magnitude, a rank: see `FigureRole`)
    /// are never taken. Among the others, across the whole article: a figure whose status the
    /// rule accepts (`reported`, `attributed`, and those of `accept`) before one it does not
    /// (a denied or forecast figure is still read, to be recorded); then a figure that counts the
    /// term ("800,000 *troops*") before one followed by nothing it counts, before one that
    /// counts something else ("12 *rescued*"); a level before a part of a total; then the
    /// closest; then the earliest.
    /// `figuresAround` gives, for a term's first scalar, figures that include every figure of the
    /// sentence holding it (in text order); others are ignored.
    func reading(
        _ found: PhraseOccurrences, in document: ArticleDocument, figuresAround: (Int) -> [Figure]
    ) -> FigureReading? {
        // The figures are read in place and only the best so far is copied: a figure holds
        // several strings, and copying each candidate would retain and release them all.
        var best: (rank: Rank, figure: Figure, term: Int, occurrence: PhraseOccurrences.Occurrence)?
        for term in terms.indices {
            for occurrence in found.occurrences(of: terms[term].phrase) {
                let termStart = found.wordScalars[occurrence.words.lowerBound].lowerBound
                let figures = figuresAround(termStart)
                for index in figures.indices {
                    guard figures[index].role.isLevel, figures[index].sentenceRange.contains(termStart),
                          rule.unit == nil || figures[index].unit == rule.unit,
                          let figureWords = wordSpan(from: figures[index].start, to: figures[index].end, in: found)
                    else { continue }
                    let distance = gap(figureWords, occurrence.words)
                    guard distance <= rule.window else { continue }
                    let rank = Rank(
                        unaccepted: accepted & Self.bit(of: figures[index].status) != 0 ? 0 : 1,
                        binding: figures[index].nounRange.map { $0.contains(termStart) ? 0 : 2 } ?? 1,
                        part: figures[index].role == .part ? 1 : 0, distance: distance, start: figures[index].start)
                    if let current = best, current.rank <= rank { continue }
                    best = (rank, figures[index], term, occurrence)
                }
            }
        }
        guard let best else { return nil }
        return FigureReading(
            figure: best.figure, term: terms[best.term].term,
            text: evidenceText(best.figure, best.occurrence, found, document), isAccepted: best.rank.unaccepted == 0)
    }

    /// How well a figure answers a term, compared field by field: lower is better.
    private struct Rank: Comparable {
        /// 1 for a status the rule does not accept.
        var unaccepted: Int
        /// 0: the figure counts the term; 1: it counts nothing named; 2: it counts something else.
        var binding: Int
        /// 1 for a part of a total.
        var part: Int
        var distance: Int
        var start: Int

        static func < (a: Rank, b: Rank) -> Bool {
            (a.unaccepted, a.binding, a.part, a.distance, a.start) < (b.unaccepted, b.binding, b.part, b.distance, b.start)
        }
    }

    /// Words between two spans (0 when they touch or overlap).
    private func gap(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        if b.lowerBound >= a.upperBound { return b.lowerBound - a.upperBound }
        if a.lowerBound >= b.upperBound { return a.lowerBound - b.upperBound }
        return 0
    }

    /// The indices of the words that overlap a figure's text, from its `start` to its `end`.
    private func wordSpan(from start: Int, to end: Int, in found: PhraseOccurrences) -> Range<Int>? {
        let words = found.wordScalars
        var low = 0
        var high = words.count
        while low < high {
            let middle = (low + high) / 2
            if words[middle].upperBound <= start { low = middle + 1 } else { high = middle }
        }
        var last = low
        while last < words.count, words[last].lowerBound < end { last += 1 }
        return low < last ? low..<last : nil
    }

    /// The figure with its noun when the term follows it at most a word later ("800,000
    /// troops"), else the figure as written.
    private func evidenceText(
        _ figure: Figure, _ term: PhraseOccurrences.Occurrence, _ found: PhraseOccurrences, _ document: ArticleDocument
    ) -> String {
        guard let span = wordSpan(from: figure.start, to: figure.end, in: found), term.words.lowerBound >= span.upperBound,
              term.words.lowerBound - span.upperBound <= 1
        else { return figure.text }
        // The figure ends before the term's first word (else that word would be in its span), so
        // its start is found by stepping back from the term over a few scalars.
        let termStart = document.index(atByte: term.bytes.lowerBound)
        let termScalar = found.wordScalars[term.words.lowerBound].lowerBound
        let start = document.text.unicodeScalars.index(termStart, offsetBy: figure.start - termScalar)
        return String(document.text[start..<document.index(atByte: term.bytes.upperBound)])
    }
}
