import Foundation

/// One word of a text: where it is in UTF-8 bytes and in Unicode scalars.
struct WordSpan {
    var bytes: Range<Int>
    var scalars: Range<Int>
    /// Every scalar is ASCII: the word's key can be folded straight from its bytes.
    var isASCII: Bool
}

/// Splits text into words: runs of letters, digits and combining marks; and folds a word into
/// the key it is matched by (case, diacritics and spelling variants removed).
public enum WordSplitter {
    /// A term typed by the user, as the folded words it must match.
    public static func foldedWords(of term: String) -> [String] {
        var words: [String] = []
        var bytes = term
        bytes.withUTF8 { utf8 in
            forEachWord(in: utf8) { words.append(fold(term[range(of: $0.bytes, in: term)])) }
        }
        return words
    }

    /// Calls `body` with every word of a string's UTF-8 bytes, in order. Reads bytes, so that
    /// words no term contains cost no more than looking at their bytes once.
    @inline(__always)
    static func forEachWord(in utf8: UnsafeBufferPointer<UInt8>, _ body: (WordSpan) -> Void) {
        var index = 0
        var scalar = 0
        var wordStart: Int?
        var wordScalarStart = 0
        var isASCII = true
        while index < utf8.count {
            let byte = utf8[index]
            let length: Int
            let isWord: Bool
            if byte < 0x80 {
                length = 1
                isWord = (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
            } else {
                let decoded = decode(utf8, at: index)
                length = decoded.length
                isWord = decoded.scalar.map(isNonASCIIWordScalar) ?? false
            }
            if isWord {
                if wordStart == nil {
                    wordStart = index
                    wordScalarStart = scalar
                    isASCII = true
                }
                if byte >= 0x80 { isASCII = false }
            } else if let start = wordStart {
                body(WordSpan(bytes: start..<index, scalars: wordScalarStart..<scalar, isASCII: isASCII))
                wordStart = nil
            }
            index += length
            scalar += 1
        }
        if let start = wordStart {
            body(WordSpan(bytes: start..<index, scalars: wordScalarStart..<scalar, isASCII: isASCII))
        }
    }

    /// The key a word is matched by: from its bytes when it is ASCII, else after Foundation folds
    /// case, diacritics and width.
    static func fold(_ word: Substring) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return SpellingVariants.key(ascii: word) }
        return SpellingVariants.key(
            word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil))
    }

    /// The indices of a word found by `forEachWord` in `text`'s bytes.
    static func range(of bytes: Range<Int>, in text: String) -> Range<String.Index> {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        return start..<utf8.index(start, offsetBy: bytes.count)
    }

    /// The scalar that starts at `index` (a lead byte of valid UTF-8) and its length in bytes.
    @inline(__always)
    private static func decode(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar?, length: Int) {
        let lead = UInt32(utf8[index])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard index + length <= utf8.count else { return (nil, utf8.count - index) }
        var value = lead & (0x7F >> length)
        for offset in 1..<length { value = value << 6 | UInt32(utf8[index + offset] & 0x3F) }
        return (Unicode.Scalar(value), length)
    }

    @inline(__always)
    private static func isNonASCIIWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = Int(scalar.value)
        guard value < 0x10000 else { return isWordScalar(scalar) }
        return basicPlaneWordScalars[value >> 6] & (1 << (value & 63)) != 0
    }

    /// `isWordScalar` for every scalar of the Basic Multilingual Plane, one bit each (8 KiB),
    /// worked out once: looking up Unicode properties costs more than the rest of reading a word.
    private static let basicPlaneWordScalars: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for value in 0..<0x10000 {
            if let scalar = Unicode.Scalar(UInt32(value)), isWordScalar(scalar) { bits[value >> 6] |= 1 << (value & 63) }
        }
        return bits
    }()

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
    }
}
