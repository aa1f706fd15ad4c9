import ArticleText

/// Finds the figures in a text: counts, percentages and sums of money, normalised to a value
/// and a unit, each with the sentence that carries it. Years, dates, clock readings and names
/// such as "Article 5" are not figures. Stateless; safe to share between tasks.
public struct FigureExtractor: Sendable {
    public init() {}

    public func figures(in text: String) -> [Figure] {
        let scalars = Array(text.unicodeScalars)
        var figures: [Figure] = []
        for (range, sentenceText) in sentences(text) {
            let tokens = Tokenizer.tokens(scalars, in: range)
            let found = FigureGrammar(tokens: tokens).read()
            guard !found.isEmpty else { continue }
            let sentence = String(sentenceText)
            for (quantity, qualifier) in found {
                // 309 digits, or "1e300 trillion" written out, is past any Double; past a googol,
                // past any news: not a figure.
                let value = quantity.value
                guard value.isFinite, value.magnitude <= Figure.largestMagnitude else { continue }
                let start = tokens[quantity.first].start
                let end = tokens[quantity.next - 1].end
                figures.append(Figure(
                    value: value, unit: quantity.unit ?? "count", text: string(scalars[start..<end]),
                    qualifier: qualifier, sentence: sentence, start: start, end: end, sentenceRange: range))
            }
        }
        return figures
    }

    /// Sentences, with where they are in Unicode scalars.
    private func sentences(_ text: String) -> [(Range<Int>, Substring)] {
        var ranges: [(Range<Int>, Substring)] = []
        var offset = 0
        var position = text.startIndex
        let view = text.unicodeScalars
        for sentence in Sentences.split(text) {
            offset += view.distance(from: position, to: sentence.startIndex)
            let length = sentence.unicodeScalars.count
            ranges.append((offset..<(offset + length), sentence))
            offset += length
            position = sentence.endIndex
        }
        return ranges
    }

    private func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
