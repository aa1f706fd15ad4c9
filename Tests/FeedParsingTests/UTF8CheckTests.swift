@testable import FeedParsing
import Testing

@Suite struct UTF8CheckTests {
    @Test func agreesWithTheStandardLibraryOnEdgeCases() {
        let cases: [[UInt8]] = [
            [], Array("plain ascii, longer than eight bytes".utf8), Array("Київ — 600 000 €".utf8), Array("🇺🇦 emoji".utf8),
            [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF],
            [0xF5, 0x80, 0x80, 0x80], [0xC3], [0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0xC3], [0xFF], [0xE2, 0x82],
            Array("abcdefgh".utf8) + [0xCF, 0x80] + Array("ijklmnop".utf8),
        ]
        for bytes in cases { #expect(UTF8Check.classify(bytes) == reference(bytes), "\(bytes)") }
    }

    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x41, 0x20, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5]
        for _ in 0..<20_000 {
            let bytes = (0..<Int.random(in: 0...24, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(UTF8Check.classify(bytes) == reference(bytes), "\(bytes)")
        }
    }

    private func reference(_ bytes: [UInt8]) -> UTF8Check.Kind {
        if bytes.allSatisfy({ $0 < 0x80 }) { return .ascii }
        return String(validating: bytes, as: UTF8.self) != nil ? .utf8 : .invalid
    }
}
