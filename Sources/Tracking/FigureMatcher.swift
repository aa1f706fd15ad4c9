import FeedModel
import FigureExtraction

/// The value a figure tracker reads in one article.
public struct FigureReading: Sendable, Equatable {
    public var figure: Figure
    /// The term the figure was found near, as the user wrote it.
    public var term: String
    /// The figure with its noun when the term follows it ("800,000 troops"), else the figure.
    public var text: String
}

/// Applies a `FigureRule`: the figure (of the rule's unit) closest to a term in the same
/// sentence, at most `window` words away; the closest anywhere in the article wins, then the earliest.
public struct FigureMatcher: Sendable {
    private let rule: FigureRule
    private let terms: [(term: String, words: [String])]

    public init(rule: FigureRule) {
        self.rule = rule
        terms = rule.near.map { ($0, WordSplitter.foldedWords(of: $0)) }.filter { !$0.words.isEmpty }
    }

    /// Whether any term occurs at all: only then are the article's figures worth extracting.
    public func mentionsTerm(_ document: ArticleDocument) -> Bool {
        terms.contains { !document.occurrences(of: $0.words).isEmpty }
    }

    public func reading(in document: ArticleDocument, figures: [Figure]) -> FigureReading? {
        var best: (distance: Int, figure: Figure, term: String, termWords: Range<Int>)?
        let candidates = figures.filter { rule.unit == nil || $0.unit == rule.unit }
        guard !candidates.isEmpty else { return nil }
        for (term, words) in terms {
            for start in document.occurrences(of: words) {
                let termWords = start..<(start + words.count)
                let termStart = document.words[start].scalars.lowerBound
                for figure in candidates where figure.sentenceRange.contains(termStart) {
                    guard let figureWords = wordSpan(of: figure, in: document) else { continue }
                    let distance = gap(figureWords, termWords)
                    guard distance <= rule.window else { continue }
                    if let current = best,
                       current.distance < distance || (current.distance == distance && current.figure.start <= figure.start) {
                        continue
                    }
                    best = (distance, figure, term, termWords)
                }
            }
        }
        guard let best else { return nil }
        return FigureReading(figure: best.figure, term: best.term, text: evidenceText(best.figure, best.termWords, in: document))
    }

    /// Words between two spans (0 when they touch or overlap).
    private func gap(_ a: Range<Int>, _ b: Range<Int>) -> Int {
        if b.lowerBound >= a.upperBound { return b.lowerBound - a.upperBound }
        if a.lowerBound >= b.upperBound { return a.lowerBound - b.upperBound }
        return 0
    }

    /// The indices of the words that overlap the figure's text.
    private func wordSpan(of figure: Figure, in document: ArticleDocument) -> Range<Int>? {
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

    private func evidenceText(_ figure: Figure, _ termWords: Range<Int>, in document: ArticleDocument) -> String {
        guard let span = wordSpan(of: figure, in: document), termWords.lowerBound >= span.upperBound,
              termWords.lowerBound - span.upperBound <= 1
        else { return figure.text }
        let scalars = document.text.unicodeScalars
        let start = scalars.index(scalars.startIndex, offsetBy: figure.start)
        return String(document.text[start..<document.words[termWords.upperBound - 1].range.upperBound])
    }
}
