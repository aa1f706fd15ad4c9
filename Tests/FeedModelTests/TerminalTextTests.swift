import FeedModel
import Foundation
import Testing

@Suite struct TerminalTextTests {
    @Test func controlCharactersAreEscapedAndLettersKept() {
        #expect(TerminalText.escaped("a\nb\tc\r") == "a\\nb\\tc\\r")
        #expect(TerminalText.escaped("\u{1B}[2J\u{07}\u{7F}\u{85}") == "\\x1B[2J\\x07\\x7F\\x85")
        #expect(TerminalText.escaped("evil\u{202E}txt.exe") == "evil\\u{202E}txt.exe")
        #expect(TerminalText.escaped("Зеленський, Zürich, 東京 ½") == "Зеленський, Zürich, 東京 ½")
        #expect(TerminalText.quoted(String(repeating: "x", count: 500), limit: 10) == "xxxxxxxxxx…")
    }

    @Test func everyByteSequenceComesOutPrintable() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let escaped = TerminalText.escaped(String(decoding: bytes, as: UTF8.self))
            #expect(!escaped.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }
}

@Suite struct FeedAddressTests {
    @Test func controlCharactersAndSpacesAreRefusedWithTheURLEscaped() {
        #expect(throws: FeedAddressError.controlCharacter("http://a.example/\n")) { try FeedAddress.validated("http://a.example/\n") }
        #expect(throws: FeedAddressError.space("http://a.example/a b")) { try FeedAddress.validated("http://a.example/a b") }
        #expect(throws: FeedAddressError.space("http://a.example/a\u{00A0}b")) { try FeedAddress.validated("http://a.example/a\u{00A0}b") }
        #expect(FeedAddressError.controlCharacter("http://x/\u{1B}[31m").description == "URL contains a control character: 'http://x/\\x1B[31m'")
        #expect(throws: FeedAddressError.self) { try FeedAddress.validated("gopher://a.example/") }
        #expect(throws: FeedAddressError.self) { try FeedAddress.validated("http:///path") }
        #expect(throws: FeedAddressError.self) { try FeedAddress.validated("") }
    }

    @Test func internationalHostsAreStoredInPunycode() throws {
        #expect(try FeedAddress.validated("https://пример.рф/rss") == "https://xn--e1afmkfd.xn--p1ai/rss")
        #expect(try FeedAddress.validated("http://bücher.example/feed?q=1") == "http://xn--bcher-kva.example/feed?q=1")
        #expect(try FeedAddress.validated("https://wire.example/a%20b?x=1&y=2") == "https://wire.example/a%20b?x=1&y=2")
        #expect(FeedAddress.host(of: "https://WIRE.example:8443/x") == "wire.example")
    }
}

@Suite struct TimestampTests {
    @Test func datesBeyondFourDigitYearsAreHeldToThem() {
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: -1e15)) == "0001-01-01T00:00:00Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: .infinity)) == "9999-12-31T23:59:59Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: .nan)) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.string(Date(timeIntervalSince1970: 1_795_000_000)) == "2026-11-18T11:06:40Z")
    }
}
