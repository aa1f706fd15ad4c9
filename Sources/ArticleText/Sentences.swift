/// Splits plain text into sentences without being fooled by abbreviations ("Nov. 26", "U.S."),
/// initials or decimals ("1.2 million"). Line breaks (from block elements) always end a sentence.
public enum Sentences {
    public static func split(_ text: String) -> [Substring] {
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

    /// The sentence of `text` that contains `position`. Only the line around it is split: a
    /// line break always ends a sentence.
    public static func sentence(containing position: String.Index, in text: String) -> Substring? {
        let utf8 = text.utf8
        let lineStart = utf8[..<position].lastIndex(of: 0x0A).map { utf8.index(after: $0) } ?? text.startIndex
        let lineEnd = utf8[position...].firstIndex(of: 0x0A) ?? text.endIndex
        let line = String(text[lineStart..<lineEnd])
        let offset = utf8.distance(from: lineStart, to: position)
        let target = line.utf8.index(line.startIndex, offsetBy: offset)
        guard let found = split(line).first(where: { $0.startIndex <= target && target < $0.endIndex }) else { return nil }
        let start = utf8.index(lineStart, offsetBy: line.utf8.distance(from: line.startIndex, to: found.startIndex))
        let end = utf8.index(lineStart, offsetBy: line.utf8.distance(from: line.startIndex, to: found.endIndex))
        return text[start..<end]
    }

    @inline(__always) private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
    }

    private static let closers: Set<Unicode.Scalar> = ["\"", "'", "”", "’", "»", ")", "]", ".", "!", "?"]

    private static func isBoundary(
        _ scalars: String.UnicodeScalarView, terminator: String.Index, after end: String.Index
    ) -> Bool {
        guard end < scalars.endIndex else { return true }
        guard isWhitespace(scalars[end]) else { return false }
        // The next word must look like a sentence start.
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
        // The word before the period: an abbreviation or an initial does not end a sentence.
        var wordStart = terminator
        while wordStart > scalars.startIndex {
            let previous = scalars.index(before: wordStart)
            if isWhitespace(scalars[previous]) || "(\"“'‘".unicodeScalars.contains(scalars[previous]) { break }
            wordStart = previous
        }
        let word = String(scalars[wordStart..<terminator])
        if word.isEmpty { return true }
        if word.unicodeScalars.count == 1, word.unicodeScalars.first?.properties.isUppercase == true { return false }
        if word.contains(".") { return false }  // U.S, e.g, a.m
        if abbreviations.contains(word.lowercased()) {
            // "Nov. 26" or "Dr. Smith" continue; a month at the end of a sentence is rare enough.
            return false
        }
        return true
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
