import Foundation

/// An article's title and text as words folded for matching (case, diacritics and spelling
/// variants removed), indexed by word so that each term costs a lookup, not a scan.
public struct ArticleDocument: Sendable {
    public struct Word: Sendable {
        /// The matching key: see `SpellingVariants`.
        public var folded: String
        public var range: Range<String.Index>
        /// Where the word is, in Unicode scalars from the start of `text` (as figures report it).
        public var scalars: Range<Int>
    }

    /// `title`, a line break, then the body text: matches are located in this string.
    public let text: String
    public let words: [Word]
    /// Where the body starts in `text` (after the title and its line break).
    public let bodyStart: String.Index
    private let positions: [String: [Int]]
    /// The sentences of `text`, for quoting the one around a match.
    public let sentences: SentenceIndex

    public init(title: String?, text: String) {
        let combined = title.map { $0 + "\n" + text } ?? text
        self.text = combined
        sentences = SentenceIndex(combined)
        bodyStart = title.map { combined.utf8.index(combined.startIndex, offsetBy: $0.utf8.count + 1) } ?? combined.startIndex
        let words = WordSplitter.words(in: combined)
        self.words = words
        var positions: [String: [Int]] = [:]
        positions.reserveCapacity(words.count)
        for (index, word) in words.enumerated() { positions[word.folded, default: []].append(index) }
        self.positions = positions
    }

    /// Word indices where `phrase` (already folded words) starts.
    public func occurrences(of phrase: [String]) -> [Int] {
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
public enum WordSplitter {
    public static func words(in text: String) -> [ArticleDocument.Word] {
        var words: [ArticleDocument.Word] = []
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
    public static func foldedWords(of term: String) -> [String] {
        words(in: term).map(\.folded)
    }

    static func fold(_ word: Substring) -> String {
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return SpellingVariants.key(ascii: word) }
        return SpellingVariants.key(
            word.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil))
    }

    private static func word(_ text: String, _ range: Range<String.Index>, _ scalars: Range<Int>) -> ArticleDocument.Word {
        ArticleDocument.Word(folded: fold(text[range]), range: range, scalars: scalars)
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
