/// Splits plain text into sentences without being fooled by abbreviations ("Nov. 26", "U.S."),
/// initials or decimals ("1.2 million"). Line breaks (from block elements) always end a sentence.
public enum Sentences {
    /// Reads the text's UTF-8 bytes: the terminators, line breaks and closers are found without
    /// decoding the scalars between them. Each sentence is trimmed of whitespace as `Character`s
    /// are (a character whose first scalar is whitespace); a sentence whose first and last
    /// non-whitespace scalars are ASCII is trimmed by scalars, which gives the same bounds, since
    /// an ASCII letter, digit or sign never joins a neighbouring whitespace scalar in a character.
    public static func split(_ text: String) -> [Substring] {
        var bounds: [Range<Int>] = []
        var contiguous = text
        contiguous.withUTF8 { utf8 in
            // News sentences run to about 120 bytes: room for most texts' at once.
            bounds.reserveCapacity(utf8.count / 100 + 4)
            guard let base = utf8.baseAddress else { return }
            var start = 0
            var index = 0
            while index < utf8.count {
                // Eight bytes at a time while none of them is one looked for (most of a text).
                if utf8.count - index >= 8, !Self.maySeek(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) {
                    index += 8
                    continue
                }
                let byte = utf8[index]
                // Most bytes are none of those looked for: one test tells.
                guard byte < 0x40 ? Self.soughtBelow0x40 >> byte & 1 != 0 : byte == 0xE2 else {
                    index += 1
                    continue
                }
                if byte == 0x0A {
                    append(utf8, from: start, to: index, of: text, into: &bounds)
                    start = index + 1
                } else if byte == 0x2E || byte == 0x21 || byte == 0x3F || isEllipsis(utf8, at: index) {
                    var end = index + (byte == 0xE2 ? 3 : 1)
                    while end < utf8.count, let length = closerLength(utf8, at: end) { end += length }
                    if isBoundary(utf8, terminator: index, after: end) {
                        append(utf8, from: start, to: end, of: text, into: &bounds)
                        start = end
                        index = end
                        continue
                    }
                }
                // A byte at a time: the bytes of a multi-byte scalar are never those looked for.
                index += 1
            }
            append(utf8, from: start, to: utf8.count, of: text, into: &bounds)
        }
        let utf8 = text.utf8
        return bounds.map { text[utf8.index(utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound)] }
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

    /// A line break, `!`, `.` and `?`, as bits of the bytes below 0x40 (the ellipsis starts 0xE2).
    private static let soughtBelow0x40: UInt64 = 1 << 0x0A | 1 << 0x21 | 1 << 0x2E | 1 << 0x3F

    /// Whether eight bytes (a word's worth, in either order) may hold one of those looked for:
    /// false only when none of them is a line break, `!`, `.`, `?` or 0xE2. (A byte equal to
    /// one is a zero byte after the exclusive or; the test for one finds every zero byte and
    /// may also flag a byte after one, which only sends these eight bytes to the exact test.)
    @inline(__always) private static func maySeek(_ word: UInt64) -> Bool {
        hasByte(word, 0x0A) || hasByte(word, 0x21) || hasByte(word, 0x2E) || hasByte(word, 0x3F) || hasByte(word, 0xE2)
    }

    @inline(__always) private static func hasByte(_ word: UInt64, _ byte: UInt8) -> Bool {
        let lanes: UInt64 = 0x0101_0101_0101_0101
        let matched = word ^ (lanes &* UInt64(byte))
        return (matched &- lanes) & ~matched & (lanes << 7) != 0
    }

    @inline(__always) private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (scalar.value >= 0x09 && scalar.value <= 0x0D) : scalar.properties.isWhitespace
    }

    /// "…" (U+2026) starts at `index`.
    @inline(__always) private static func isEllipsis(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        utf8[index] == 0xE2 && index + 2 < utf8.count && utf8[index + 1] == 0x80 && utf8[index + 2] == 0xA6
    }

    /// The length in bytes of the closing quote, bracket or terminator at `index`, if one is there.
    private static func closerLength(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        switch utf8[index] {
        case 0x22, 0x27, 0x29, 0x5D, 0x2E, 0x21, 0x3F: return 1  // " ' ) ] . ! ?
        case 0xC2 where index + 1 < utf8.count && utf8[index + 1] == 0xBB: return 2  // »
        case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0x9D || utf8[index + 2] == 0x99):
            return 3  // ” ’
        default: return nil
        }
    }

    /// The scalar whose first byte is at `index` of valid UTF-8, and its length in bytes.
    @inline(__always)
    private static func scalar(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = UInt32(utf8[index])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = lead & (0x7F >> length)
        for offset in 1..<min(length, utf8.count - index) { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// Where the scalar before the one at `index` starts.
    @inline(__always)
    private static func scalarStart(_ utf8: UnsafeBufferPointer<UInt8>, before index: Int) -> Int {
        var previous = index - 1
        while previous > 0, utf8[previous] & 0xC0 == 0x80 { previous -= 1 }
        return previous
    }

    private static func isBoundary(_ utf8: UnsafeBufferPointer<UInt8>, terminator: Int, after end: Int) -> Bool {
        guard end < utf8.count else { return true }
        guard isWhitespace(scalar(utf8, at: end).scalar) else { return false }
        // The next word must look like a sentence start.
        var next = end
        while next < utf8.count {
            let (found, length) = scalar(utf8, at: next)
            guard isWhitespace(found) else { break }
            next += length
        }
        guard next < utf8.count else { return true }
        let first = scalar(utf8, at: next).scalar
        let startsSentence = first.isASCII
            ? (first.value >= 0x41 && first.value <= 0x5A) || (first.value >= 0x30 && first.value <= 0x39)
                || first == "\"" || first == "'" || first == "("
            : first.properties.isUppercase || first.properties.numericType != nil || first == "“" || first == "‘" || first == "«"
        guard startsSentence else { return false }
        guard utf8[terminator] == 0x2E else { return true }
        // The word before the period: an abbreviation or an initial does not end a sentence.
        var wordStart = terminator
        while wordStart > 0 {
            let previous = scalarStart(utf8, before: wordStart)
            let found = scalar(utf8, at: previous).scalar
            if isWhitespace(found) || found == "(" || found == "\"" || found == "“" || found == "'" || found == "‘" { break }
            wordStart = previous
        }
        let word = UnsafeBufferPointer(rebasing: utf8[wordStart..<terminator])
        if word.isEmpty { return true }
        guard word.allSatisfy({ $0 < 0x80 }) else { return endsSentence(after: String(decoding: word, as: UTF8.self)) }
        if word.count == 1, word[0] >= 0x41, word[0] <= 0x5A { return false }
        if word.contains(0x2E) { return false }  // U.S, e.g, a.m
        // "Nov. 26" or "Dr. Smith" continue; a month at the end of a sentence is rare enough.
        if word.count <= 7, abbreviationKeys.contains(key(lowercasing: word)) { return false }
        return true
    }

    /// Up to seven ASCII bytes, lower-cased, and their count as one integer (first byte lowest,
    /// the count in the top byte): an abbreviation is looked up without making a string of the word.
    private static func key(lowercasing word: some Collection<UInt8>) -> UInt64 {
        var key = UInt64(word.count) << 56
        for (offset, byte) in word.enumerated() {
            key |= UInt64(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) << (8 * UInt64(offset))
        }
        return key
    }

    /// Whether a period after `word` (not all ASCII) ends a sentence, as characters read it.
    private static func endsSentence(after word: String) -> Bool {
        if word.unicodeScalars.count == 1, word.unicodeScalars.first?.properties.isUppercase == true { return false }
        if word.contains(".") { return false }
        if abbreviations.contains(word.lowercased()) { return false }
        return true
    }

    private static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "lt", "col", "maj", "capt", "sgt", "cmdr",
        "adm", "gov", "sen", "rep", "pres", "rev", "hon", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
        "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
        "sun", "no", "nos", "vs", "etc", "inc", "ltd", "corp", "co", "approx", "est", "fig", "dept", "univ",
        "mt", "ft", "vol", "art", "para", "op", "cf", "al",
    ]
    /// `abbreviations` (all ASCII, at most seven letters) as `key(lowercasing:)` gives them.
    private static let abbreviationKeys = Set(abbreviations.map { key(lowercasing: $0.utf8) })

    /// Appends the bounds of `utf8[start..<end]` without the whitespace around it, if anything is left.
    private static func append(
        _ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, of text: String, into bounds: inout [Range<Int>]
    ) {
        guard start < end else { return }
        var first = start
        while first < end {
            let (found, length) = scalar(utf8, at: first)
            guard isWhitespace(found) else { break }
            first += length
        }
        guard first < end else { return }
        var last = scalarStart(utf8, before: end)
        while last > first, isWhitespace(scalar(utf8, at: last).scalar) { last = scalarStart(utf8, before: last) }
        if utf8[first] < 0x80, utf8[last] < 0x80 {
            bounds.append(first..<(last + 1))
            return
        }
        // A scalar that may join whitespace in one character: trim by characters.
        let view = text.utf8
        let piece = text[view.index(view.startIndex, offsetBy: start)..<view.index(view.startIndex, offsetBy: end)]
        guard let firstCharacter = piece.firstIndex(where: { !$0.isWhitespace }),
              let lastCharacter = piece.lastIndex(where: { !$0.isWhitespace })
        else { return }
        let trimmed = text[firstCharacter...lastCharacter]
        bounds.append(view.distance(from: view.startIndex, to: trimmed.startIndex)..<view.distance(from: view.startIndex, to: trimmed.endIndex))
    }
}
