import ArticleText

/// Finds the figures in a text: counts, percentages and sums of money, normalised to a value
/// and a unit, each with the sentence that carries it. Years, dates, clock readings and names
/// such as "Article 5" are not figures. Stateless; safe to share between tasks.
public struct FigureExtractor: Sendable {
    public init() {}

    public func figures(in text: String) -> [Figure] {
        let scalars = Self.scalars(of: text[...])
        var figures: [Figure] = []
        for sentence in sentences(of: text) {
            read(scalars, sentence.scalars, shiftedBy: 0, in: sentence, into: &figures)
        }
        return figures
    }

    /// The sentences `figures(in:)` reads one by one (those of `Sentences.split`), with where
    /// they are in Unicode scalars.
    public func sentences(of text: String) -> [FigureSentence] {
        let split = Sentences.split(text)
        var ranges: [FigureSentence] = []
        ranges.reserveCapacity(split.count)
        var offset = 0
        var position = text.startIndex
        for sentence in split {
            offset += scalarCount(text.utf8[position..<sentence.startIndex])
            let length = scalarCount(sentence.utf8)
            ranges.append(FigureSentence(text: sentence, scalars: offset..<(offset + length)))
            offset += length
            position = sentence.endIndex
        }
        return ranges
    }

    /// The figures of one of `sentences(of:)`: the same values, offsets and sentence that
    /// `figures(in:)` reports for it, at the cost of that sentence alone. The grammar only
    /// compares token offsets with each other, so reading the sentence on its own and shifting
    /// the offsets afterwards gives the same figures.
    public func figures(in sentence: FigureSentence) -> [Figure] {
        let scalars = Self.scalars(of: sentence.text)
        var figures: [Figure] = []
        read(scalars, scalars.indices, shiftedBy: sentence.scalars.lowerBound, in: sentence, into: &figures)
        return figures
    }

    /// Reads the figures of `scalars[range]` (one sentence); `shift` turns offsets in `scalars`
    /// into offsets in the whole text.
    private func read(
        _ scalars: [Unicode.Scalar], _ range: Range<Int>, shiftedBy shift: Int, in sentence: FigureSentence,
        into figures: inout [Figure]
    ) {
        let tokens = Tokenizer.tokens(scalars, in: range)
        let found = FigureGrammar(tokens: tokens).read()
        guard !found.isEmpty else { return }
        let roles = RoleReader(tokens: tokens, readings: found).read()
        let claims = ClaimReader(tokens: tokens)
        let source = claims.source()
        let text = String(sentence.text)
        // Where each reading went in `figures` (-1: it was no figure), for a stated previous level.
        var placed = [Int](repeating: -1, count: found.count)
        figures.reserveCapacity(figures.count + found.count)
        for (index, reading) in found.enumerated() {
            let quantity = reading.quantity
            // 309 digits, or "1e300 trillion" written out, is past any Double; past a googol,
            // past any news: not a figure.
            let value = quantity.value
            guard value.isFinite, value.magnitude <= Figure.largestMagnitude else { continue }
            let start = tokens[quantity.first].start
            let end = tokens[quantity.next - 1].end
            var figure = Figure(
                value: value, unit: quantity.unit ?? "count", text: string(scalars[start..<end]),
                qualifier: reading.qualifier, sentence: text, start: start + shift, end: end + shift,
                sentenceRange: sentence.scalars)
            let role = roles[index]
            figure.role = role.role
            if let noun = role.noun {
                let nounStart = tokens[noun.lowerBound].start
                let nounEnd = tokens[noun.upperBound - 1].end
                figure.noun = string(scalars[nounStart..<nounEnd])
                figure.nounRange = (nounStart + shift)..<(nounEnd + shift)
            }
            let claim = claims.status(first: reading.qualifierStart, next: quantity.next, source: source)
            figure.status = claim.status
            if let words = claim.source {
                figure.attribution = string(scalars[tokens[words.lowerBound].start..<tokens[words.upperBound - 1].end])
            }
            if let previous = role.statedPrevious, placed[previous] >= 0 {
                figure.statedPrevious = figures[placed[previous]].value
            }
            placed[index] = figures.count
            figures.append(figure)
        }
    }

    /// The text's scalars, decoded from its UTF-8 in one pass (`Array(text.unicodeScalars)`
    /// counts them first, then decodes them again).
    private static func scalars(of text: Substring) -> [Unicode.Scalar] {
        var text = text
        return text.withUTF8 { utf8 in
            [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { buffer, count in
                var index = 0
                while index < utf8.count {
                    let lead = UInt32(utf8[index])
                    var value = lead
                    var length = 1
                    if lead >= 0x80 {
                        length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
                        value = lead & (0x7F >> length)
                        for offset in 1..<min(length, utf8.count - index) { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
                    }
                    // A string's UTF-8 is valid, so every value is a scalar.
                    buffer.initializeElement(at: count, to: Unicode.Scalar(value) ?? "\u{FFFD}")
                    count += 1
                    index += length
                }
            }
        }
    }

    /// How many Unicode scalars some valid UTF-8 holds: one per byte that does not continue a
    /// scalar. Counts without decoding.
    private func scalarCount(_ utf8: Substring.UTF8View) -> Int {
        let isLead: (UInt8) -> Bool = { $0 & 0xC0 != 0x80 }
        return utf8.withContiguousStorageIfAvailable { $0.count(where: isLead) } ?? utf8.count(where: isLead)
    }

    /// The scalars as a string, encoded straight into its UTF-8 storage (a figure's text is a
    /// few scalars; appending them one by one to a scalar view costs more than reading them).
    private func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var count = 0
            for scalar in scalars {
                // Most of a figure's text is ASCII: its byte is the scalar's value.
                if scalar.isASCII {
                    buffer[count] = UInt8(truncatingIfNeeded: scalar.value)
                    count += 1
                    continue
                }
                for byte in scalar.utf8 {
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
    }
}
