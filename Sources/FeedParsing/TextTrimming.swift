import FeedModel

extension String {
    /// Without leading and trailing ASCII white space; a byte loop, far cheaper than Foundation's
    /// `trimmingCharacters(in:)` on the millions of short fields a large feed set holds.
    var trimmedASCIIWhiteSpace: String {
        var text = self
        return text.withUTF8 { bytes -> String? in
            var start = 0
            var end = bytes.count
            while start < end, isSpace(bytes[start]) { start += 1 }
            while end > start, isSpace(bytes[end - 1]) { end -= 1 }
            if start == 0, end == bytes.count { return nil }
            return String(decodingUTF8: UnsafeBufferPointer(rebasing: bytes[start..<end]))
        } ?? self
    }

    /// Nothing but ASCII white space (or nothing at all), found without copying the text.
    var isASCIIWhiteSpaceOnly: Bool { !utf8.contains { !isSpace($0) } }
}

@inline(__always) private func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
}

/// A title or a name as one line: every run of white space (Unicode's, line breaks and
/// non-breaking spaces included) becomes one space, and the ends are trimmed. A byte loop: it
/// runs on every title and author, and most need no change and are returned as they are.
func oneLine(_ text: String) -> String {
    var text = text
    return text.withUTF8 { bytes -> String? in
        var needsChange = false
        var index = 0
        var previousWasSpace = true  // a space at the start is trimmed
        while index < bytes.count {
            let length = whiteSpaceLength(bytes, at: index)
            if length > 0 {
                if previousWasSpace || length > 1 || bytes[index] != 0x20 {
                    needsChange = true
                    break
                }
                previousWasSpace = true
                index += 1
            } else {
                previousWasSpace = false
                index += 1
            }
        }
        if !needsChange, !previousWasSpace || bytes.isEmpty { return nil }
        return String(unsafeUninitializedCapacity: bytes.count) { output in
            var written = 0
            var pendingSpace = false
            var index = 0
            while index < bytes.count {
                let length = whiteSpaceLength(bytes, at: index)
                if length > 0 {
                    pendingSpace = written > 0
                    index += length
                    continue
                }
                if pendingSpace {
                    output[written] = 0x20
                    written += 1
                    pendingSpace = false
                }
                output[written] = bytes[index]
                written += 1
                index += 1
            }
            return written
        }
    } ?? text
}

/// The length of the white-space character at `index` (Unicode's White_Space), or 0.
@inline(__always) private func whiteSpaceLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    let byte = bytes[index]
    if byte < 0x80 { return byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) ? 1 : 0 }
    guard byte == 0xC2 || byte == 0xE1 || byte == 0xE2 || byte == 0xE3, index + 1 < bytes.count else { return 0 }
    let second = bytes[index + 1]
    if byte == 0xC2 { return second == 0x85 || second == 0xA0 ? 2 : 0 }  // U+0085, U+00A0
    guard index + 2 < bytes.count else { return 0 }
    let third = bytes[index + 2]
    switch (byte, second) {
    case (0xE1, 0x9A): return third == 0x80 ? 3 : 0  // U+1680
    case (0xE2, 0x80): return third <= 0x8A || third == 0xA8 || third == 0xA9 || third == 0xAF ? 3 : 0  // U+2000–200A, 2028, 2029, 202F
    case (0xE2, 0x81): return third == 0x9F ? 3 : 0  // U+205F
    case (0xE3, 0x80): return third == 0x80 ? 3 : 0  // U+3000
    default: return 0
    }
}
