import ArticleText
import Testing

/// `Sentences.split` reads bytes; these tests hold it to the bounds a reading by Unicode scalars
/// and characters gives (`CharacterSentences`, below), to the byte, on text made of the pieces
/// where the two could part: combining marks and prepended marks beside whitespace, CR LF,
/// non-ASCII whitespace, capitals and digits of other scripts, a Kelvin sign that lower-cases
/// to ASCII, closers, ellipses and abbreviations.
@Suite struct SentenceBoundsTests {
    static let pieces = [
        "a", "Z", "1", ".", "!", "?", "…", " ", "  ", "\n", "\r", "\r\n", "\t", "\u{00A0}", "\u{2009}", "\u{3000}",
        "\u{0301}", "\u{200D}", "\u{0600}", "\u{093F}", "\u{FE0F}", "”", "’", "»", ")", "]", "\"", "'", "(", "“", "‘",
        "«", "Dr", "nov", "U", "\u{212A}", "İ", "É", "é", "Ж", "ж", "٣", "🇺🇦", "👍", "Mr", "approx", "e.g", "No", "x.y",
    ]

    @Test func boundsAreThoseOfCharacters() {
        var random = SplitMix(seed: 0x5EED)
        for _ in 0..<20_000 {
            // Up to forty pieces: terminators in every byte of the eight the splitter skips at once.
            let count = Int(random.next() % 40) + 1
            var text = ""
            for _ in 0..<count { text += Self.pieces[Int(random.next() % UInt64(Self.pieces.count))] }
            #expect(bounds(Sentences.split(text), in: text) == bounds(CharacterSentences.split(text), in: text), "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        "Fled. \u{0301}Next one.", "Fled.\u{00A0}Next one. \u{0600} x", "A \u{0301}", "\u{0301} a.", " \r\nEnd. Dr. No",
        "Temp 3\u{212A}. Next", "It was \u{212A}.\u{00A0}Then", "İst. Ankara", "Ends…” Then", "Ends?!” «Then",
        "The end.\u{3000}Ж begins", "Say ‘no.’ Then", "£5bn. ٣ more", "", "   ", "\n\n", "a.\u{200D}B",
    ])
    func edgeCases(text: String) {
        #expect(bounds(Sentences.split(text), in: text) == bounds(CharacterSentences.split(text), in: text))
    }

    private func bounds(_ sentences: [Substring], in text: String) -> [[Int]] {
        sentences.map {
            [text.utf8.distance(from: text.startIndex, to: $0.startIndex), text.utf8.distance(from: text.startIndex, to: $0.endIndex)]
        }
    }
}

/// A small seeded generator, so that a failure can be replayed.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Sentences read scalar by scalar and trimmed by characters: how `Sentences.split` read them
/// before it read bytes.
private enum CharacterSentences {
    static func split(_ text: String) -> [Substring] {
        var sentences: [Substring] = []
        let scalars = text.unicodeScalars
        var start = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == "\n" {
                append(text, from: start, to: index, into: &sentences)
                start = scalars.index(after: index)
            } else if scalar == "." || scalar == "!" || scalar == "?" || scalar == "…" {
                var end = scalars.index(after: index)
                while end < scalars.endIndex, closers.contains(scalars[end]) { end = scalars.index(after: end) }
                if isBoundary(scalars, terminator: index, after: end) {
                    append(text, from: start, to: end, into: &sentences)
                    start = end
                    index = end
                    continue
                }
            }
            index = scalars.index(after: index)
        }
        append(text, from: start, to: scalars.endIndex, into: &sentences)
        return sentences
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
    }

    private static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", "»", ")", "]", ".", "!", "?"]

    private static func isBoundary(_ scalars: String.UnicodeScalarView, terminator: String.Index, after end: String.Index) -> Bool {
        guard end < scalars.endIndex else { return true }
        guard isWhitespace(scalars[end]) else { return false }
        var next = end
        while next < scalars.endIndex, isWhitespace(scalars[next]) { next = scalars.index(after: next) }
        guard next < scalars.endIndex else { return true }
        let first = scalars[next]
        let startsSentence = first.isASCII
            ? (first.value >= 0x41 && first.value <= 0x5A) || (first.value >= 0x30 && first.value <= 0x39)
                || first == "\"" || first == "'" || first == "("
            : first.properties.isUppercase || first.properties.numericType != nil || "“‘«".unicodeScalars.contains(first)
        guard startsSentence else { return false }
        guard scalars[terminator] == "." else { return true }
        var wordStart = terminator
        while wordStart > scalars.startIndex {
            let previous = scalars.index(before: wordStart)
            if isWhitespace(scalars[previous]) || "(\"“'‘".unicodeScalars.contains(scalars[previous]) { break }
            wordStart = previous
        }
        let word = String(scalars[wordStart..<terminator])
        if word.isEmpty { return true }
        if word.unicodeScalars.count == 1, word.unicodeScalars.first?.properties.isUppercase == true { return false }
        if word.contains(Character(".")) { return false }
        return !abbreviations.contains(word.lowercased())
    }

    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "lt", "col", "maj", "capt", "sgt", "cmdr",
        "adm", "gov", "sen", "rep", "pres", "rev", "hon", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
        "sun", "no", "nos", "vs", "etc", "inc", "ltd", "corp", "co", "approx", "est", "fig", "dept", "univ",
        "mt", "ft", "vol", "art", "para", "op", "cf", "al",
    ]

    private static func append(_ text: String, from start: String.Index, to end: String.Index, into sentences: inout [Substring]) {
        guard start < end else { return }
        let piece = text[start..<end]
        guard let first = piece.firstIndex(where: { !$0.isWhitespace }),
              let last = piece.lastIndex(where: { !$0.isWhitespace })
        else { return }
        sentences.append(text[first...last])
    }
}
