import FeedModel
import FeedParsing
import Foundation
import Testing

@Suite struct EncodingTests {
    /// "Київ — переговори" in windows-1251 and KOI8-R.
    static let kyivWindows1251: [UInt8] = [0xCA, 0xE8, 0xBF, 0xE2, 0x20, 0x2D, 0x20, 0xEF, 0xE5, 0xF0, 0xE5, 0xE3, 0xEE, 0xE2, 0xEE, 0xF0, 0xE8]
    static let moskvaKOI8R: [UInt8] = [0xED, 0xCF, 0xD3, 0xCB, 0xD7, 0xC1, 0x20, 0xD0, 0xC5, 0xD2, 0xC5, 0xC7, 0xCF, 0xD7, 0xCF, 0xD2, 0xD9]

    func rss(declaring encoding: String?, title: [UInt8]) -> [UInt8] {
        let declaration = encoding.map { "<?xml version=\"1.0\" encoding=\"\($0)\"?>" } ?? "<?xml version=\"1.0\"?>"
        return Array("\(declaration)<rss version=\"2.0\"><channel><title>".utf8) + title
            + Array("</title><item><guid>1</guid><title>x</title></item></channel></rss>".utf8)
    }

    @Test func theDeclarationDecidesForLegacyBytes() throws {
        let feed = try FeedParser().parse(rss(declaring: "windows-1251", title: Self.kyivWindows1251))
        #expect(feed.title == "Київ - переговори")
        #expect(feed.warnings.isEmpty)
    }

    @Test func httpCharsetWinsOverTheDeclaration() throws {
        let feed = try FeedParser().parse(
            rss(declaring: "windows-1251", title: Self.moskvaKOI8R), contentType: "application/rss+xml; charset=KOI8-R")
        #expect(feed.title == "Москва переговоры")
    }

    @Test func utf8BytesDeclaredAsLatin1AreReadAsUTF8() throws {
        let feed = try FeedParser().parse(rss(declaring: "ISO-8859-1", title: Array("Zelensky’s envoys in Genève".utf8)))
        #expect(feed.title == "Zelensky’s envoys in Genève")
        #expect(feed.warnings.contains("declared encoding ISO-8859-1 does not match the bytes; read as UTF-8"))
    }

    @Test func undeclaredCyrillicIsDetected() throws {
        let windows = try FeedParser().parse(rss(declaring: nil, title: Self.kyivWindows1251))
        #expect(windows.title == "Київ - переговори")
        #expect(windows.warnings.contains { $0.contains("detected WINDOWS-1251") })
        let koi = try FeedParser().parse(rss(declaring: "utf-8", title: Self.moskvaKOI8R))
        #expect(koi.title == "Москва переговоры")
        #expect(koi.warnings.contains("declared encoding UTF-8 does not match the bytes; detected KOI8-R"))
    }

    @Test func byteOrderMarksDecide() throws {
        let utf16 = Array("<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel><title>Київ</title></channel></rss>".utf16)
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        #expect(try FeedParser().parse(bytes).title == "Київ")
        let bom = [0xEF, 0xBB, 0xBF] + rss(declaring: "windows-1251", title: Array("Київ".utf8))
        #expect(try FeedParser().parse(bom).title == "Київ")
    }

    @Test func invalidBytesAreReplacedNotFatal() throws {
        let feed = try FeedParser().parse(rss(declaring: "utf-8", title: Array("Kyiv ".utf8) + [0xFF, 0xFE] + Array(" talks".utf8)), contentType: "text/xml; charset=utf-8")
        #expect(feed.items.count == 1)
        #expect(feed.title?.hasPrefix("Kyiv") == true)
        #expect(feed.title?.hasSuffix("talks") == true)
    }

    @Test func utf8WithAFewBrokenBytesStaysUTF8() throws {
        let title = Array("Київ сьогодні: ".utf8) + [0xFF] + Array(" новини столиці".utf8)
        let feed = try FeedParser().parse(rss(declaring: "utf-8", title: title))
        #expect(feed.title == "Київ сьогодні: \u{FFFD} новини столиці")
        #expect(feed.warnings.contains("1 invalid UTF-8 byte sequence replaced with U+FFFD"))
    }

    @Test func latin1IsReadAsWindows1252() throws {
        // “Kyiv’s” with windows-1252 quotes, declared as ISO-8859-1 and as US-ASCII.
        let title: [UInt8] = [0x93] + Array("Kyiv".utf8) + [0x92, 0x73, 0x94, 0x20, 0x80, 0x35]
        for label in ["ISO-8859-1", "us-ascii"] {
            let feed = try FeedParser().parse(rss(declaring: label, title: title))
            #expect(feed.title == "“Kyiv’s” €5")
            #expect(feed.warnings.isEmpty)
        }
    }

    /// The RSS document `rss(declaring:title:)` builds, encoded by `encode` (code units to bytes).
    func wide(_ text: String, bom: [UInt8], encode: (Unicode.Scalar) -> [UInt8]) -> [UInt8] {
        bom + text.unicodeScalars.flatMap(encode)
    }

    static func utf32BE(_ scalar: Unicode.Scalar) -> [UInt8] {
        [UInt8(scalar.value >> 24), UInt8(scalar.value >> 16 & 0xFF), UInt8(scalar.value >> 8 & 0xFF), UInt8(scalar.value & 0xFF)]
    }

    static func utf16LE(_ scalar: Unicode.Scalar) -> [UInt8] {
        String(scalar).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    @Test func utf32AndUTF16WithoutAMarkAreRecognisedByTheirFirstBytes() throws {
        let text = String(decoding: rss(declaring: "UTF-32", title: Array("Київ 🇺🇦".utf8)), as: UTF8.self)
        for bom in [[], [0x00, 0x00, 0xFE, 0xFF]] as [[UInt8]] {
            let feed = try FeedParser().parse(wide(text, bom: bom, encode: Self.utf32BE))
            #expect(feed.title == "Київ 🇺🇦")
            #expect(feed.warnings.isEmpty)
        }
        let utf16 = text.replacingOccurrences(of: "UTF-32", with: "UTF-16")
        let feed = try FeedParser().parse(wide(utf16, bom: [], encode: Self.utf16LE))
        #expect(feed.title == "Київ 🇺🇦")
        #expect(feed.warnings.isEmpty)
    }

    @Test func anInvalidUTF32UnitBecomesOneReplacementCharacter() throws {
        let head = wide("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Kyiv ", bom: [], encode: Self.utf32BE)
        let tail = wide(" talks</title></channel></rss>", bom: [], encode: Self.utf32BE)
        let feed = try FeedParser().parse(head + [0x00, 0x11, 0x00, 0x00] + tail)
        #expect(feed.title == "Kyiv \u{FFFD} talks")
    }

    @Test func anUnknownDeclaredEncodingIsNamedInAWarningNeverRefused() throws {
        let ascii = try FeedParser().parse(rss(declaring: "x-unknown-klingon", title: Array("Kyiv talks".utf8)))
        #expect(ascii.title == "Kyiv talks")
        #expect(ascii.warnings == ["unknown encoding 'x-unknown-klingon' declared; read as UTF-8"])
        let latin = try FeedParser().parse(
            rss(declaring: "utf-8", title: [0x43, 0x61, 0x66, 0xE9]), contentType: "text/xml; charset=klingon-8")
        #expect(latin.title == "Café")
        #expect(latin.warnings == ["unknown encoding 'klingon-8' declared; detected WINDOWS-1252"])
    }

    @Test func uppercaseHexReferencesAreReadAsCharacters() throws {
        let upper = try FeedParser().parse(rss(declaring: "utf-8", title: Array("Kyiv&#X2019;s &#x2014; &#X1F1FA;&#X1f1e6;".utf8)))
        #expect(upper.title == "Kyiv’s — 🇺🇦")
        #expect(upper.warnings == ["3 character references written &#X…; (XML allows only &#x) read as characters"])
        let lower = try FeedParser().parse(rss(declaring: "utf-8", title: Array("Kyiv&#x2019;s &#X;".utf8)))
        #expect(lower.title == "Kyiv’s &#X;")
        #expect(!lower.warnings.contains { $0.contains("&#X…;") })
    }
}
