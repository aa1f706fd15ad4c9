import Testing

@testable import Tracking

/// The first byte of a word's key, which decides whether an article's word is looked up at all,
/// is the first byte of the key `SpellingVariants.key(ascii:)` makes.
@Suite struct SpellingVariantsTests {
    /// Every word of up to four letters over the letters the rules treat apart (`k` before `h`,
    /// `x`, `y`, `j`, doubled letters), in both cases, with digits and a hyphen.
    @Test func theFirstKeyByteIsTheKeysFirstByte() {
        let alphabet = Array("kKhHxXyYjJisSa1-".utf8)
        var words: [[UInt8]] = [[]]
        var checked = 0
        for _ in 1...4 {
            words = words.flatMap { word in alphabet.map { word + [$0] } }
            for word in words {
                let key = SpellingVariants.key(ascii: Substring(decoding: word, as: UTF8.self))
                let first = word.withUnsafeBufferPointer { SpellingVariants.firstKeyByte(ofASCII: $0) }
                #expect(first == key.utf8.first, "\(String(decoding: word, as: UTF8.self))")
                checked += 1
            }
        }
        #expect(checked == 16 + 256 + 4_096 + 65_536)
    }
}
