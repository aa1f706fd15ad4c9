import FeedModel
import Testing

@Suite struct UTF8ValidationTests {
    /// Overlong forms, surrogates, code points past U+10FFFF, truncated sequences and stray
    /// continuation bytes, around and inside the eight-byte ASCII steps.
    static let edgeCases: [[UInt8]] = [
        [], Array("plain ascii, longer than eight bytes".utf8), Array("Київ — 600 000 €".utf8), Array("🇺🇦 emoji".utf8),
        [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
        [0xF5, 0x80, 0x80, 0x80], [0xC3], [0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0xC3], [0xFF], [0xE2, 0x82],
        Array("abcdefgh".utf8) + [0xCF, 0x80] + Array("ijklmnop".utf8), Array("abcdefg".utf8) + [0x80] + Array("hijklmnop".utf8),
    ]

    @Test(arguments: edgeCases) func agreesWithTheStandardLibraryOnEdgeCases(bytes: [UInt8]) {
        #expect(UTF8Validation.classify(bytes) == reference(bytes))
        #expect(String(decodingUTF8: bytes) == String(decoding: bytes, as: UTF8.self))
    }

    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x41, 0x20, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                alphabet[Int.random(in: alphabet.indices, using: &generator)]
            }
            #expect(UTF8Validation.classify(bytes) == reference(bytes), "\(bytes)")
            let made = String(decodingUTF8: bytes)
            let expected = String(decoding: bytes, as: UTF8.self)
            #expect(made == expected && Array(made.utf8) == Array(expected.utf8), "\(bytes)")
        }
    }

    /// A String made from checked bytes behaves as any other: same characters, same scalars,
    /// same comparisons and hashes, ASCII or not.
    @Test(arguments: ["", "Reuters", "troops: 600,000 → 800,000", "Ĳssel café", "e\u{301}", "🇺🇦 Київ"])
    func stringsMadeFromCheckedBytesBehaveAsOthers(text: String) {
        let made = String(decodingUTF8: Array(text.utf8))
        #expect(made == text)
        #expect(made.hashValue == text.hashValue)
        #expect(made.count == text.count)
        #expect(Array(made.unicodeScalars) == Array(text.unicodeScalars))
        #expect(made.lowercased() == text.lowercased())
    }

    private func reference(_ bytes: [UInt8]) -> UTF8Validation.Kind {
        if bytes.allSatisfy({ $0 < 0x80 }) { return .ascii }
        return String(validating: bytes, as: UTF8.self) != nil ? .utf8 : .invalid
    }
}
