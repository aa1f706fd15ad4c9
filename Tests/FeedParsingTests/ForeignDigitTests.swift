import FeedModel
import FeedParsing
import Foundation
import Testing

/// Where a protocol means digits it means ASCII digits: a date, a zone offset or a `<ttl>` written
/// with another script's digits (which `Character.isNumber` accepts and `Int(_:)` does not) is
/// unreadable, never a trap.
@Suite struct ForeignDigitTests {
    /// Stand-ins for each ASCII digit: Arabic-Indic, Devanagari, Thai, fullwidth and superscript
    /// digits of the same value, and a fraction.
    static func foreignDigits(for digit: Character) -> [Character] {
        guard let value = digit.wholeNumberValue else { return [] }
        let superscripts: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return [0x0660, 0x0966, 0x0E50, 0xFF10].compactMap { Unicode.Scalar($0 + UInt32(value)).map(Character.init) }
            + [superscripts[value], "½"]
    }

    /// `template` with each of its ASCII digits, in turn, replaced by each foreign stand-in.
    static func variants(of template: String) -> [String] {
        let characters = Array(template)
        var variants: [String] = []
        for (index, character) in characters.enumerated() where character.isASCII && character.isNumber {
            for foreign in foreignDigits(for: character) {
                var changed = characters
                changed[index] = foreign
                variants.append(String(changed))
            }
        }
        return variants
    }

    @Test(arguments: [
        "Mon, 01 Dec 2025 10:00:00 +๐๒๐๐", "Mon, 01 Dec 2025 10:00:00 +٠٣٠٠", "Mon, 01 Dec 2025 10:00:00 +½",
        "Mon, 01 Dec 2025 10:00:00 GMT+０３００", "Mon, 01 Dec 2025 10:00:00 -٠٥:٠٠", "Mon, 01 Dec 2025 10:00:00 UTC+³",
        "2025-12-01 10:00:00 +٠٣٠٠", "2025-12-01 10:00:00 +½", "2025-12-01T10:00:00+٠٣:٠٠",
    ])
    func aZoneOffsetInOtherDigitsIsUnreadable(text: String) {
        #expect(FeedDate.parse(text) == nil)
    }

    @Test(arguments: [
        "Mon, 01 Dec 2025 10:00:00 +0300", "Mon, 01 Dec 2025 10:00 GMT+03:00", "2025-12-01 10:00:00 -0500",
        "2025-12-01T10:00:00.25+03:00", "2025-12-01", "01 Dec 25 10:00 UTC+3",
    ])
    func everyDigitOfADateMustBeASCII(template: String) {
        #expect(FeedDate.parse(template) != nil)
        for variant in Self.variants(of: template) {
            #expect(FeedDate.parse(variant) == nil, "\(variant)")
        }
    }

    @Test func rfc3339ReadsOnlyASCIIDigits() {
        let template = "2025-12-01T10:00:00.5+03:00"
        #expect(RFC3339.parse(template) != nil)
        for variant in Self.variants(of: template) {
            #expect(RFC3339.parse(variant) == nil, "\(variant)")
        }
        #expect(RFC3339.parse("٢٠٢٥-١٢-٠١") == nil)
    }

    @Test func aDateStartingWithAnotherScriptsDigitIsUnreadable() {
        #expect(FeedDate.parse("٢٠٢٥-١٢-٠١T10:00:00Z") == nil)
        #expect(FeedDate.parse("０１ Dec 2025 10:00:00 GMT") == nil)
    }

    @Test func atomAndJSONFeedDatesWithOtherDigitsAreWarnedAbout() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
            <entry><id>a</id><title>A</title><updated>2025-12-01 10:00:00 +٠٣٠٠</updated>
            <published>Mon, 01 Dec 2025 10:00:00 +½</published></entry></feed>
            """
        let feed = try FeedParser().parse(Array(atom.utf8))
        #expect(feed.items.count == 1)
        #expect(feed.items.first?.updated == nil)
        #expect(feed.items.first?.published == nil)
        #expect(feed.warnings.contains { $0.contains("unreadable updated date") })

        let json = """
            {"version": "https://jsonfeed.org/version/1.1", "items": [
              {"id": "1", "content_text": "x", "date_published": "2025-12-01 10:00:00 +๐๒๐๐",
               "date_modified": "Mon, 01 Dec 2025 10:00:00 GMT+０３００"}]}
            """
        let jsonFeed = try FeedParser().parse(Array(json.utf8))
        #expect(jsonFeed.items.first?.published == nil)
        #expect(jsonFeed.items.first?.updated == nil)
        #expect(jsonFeed.warnings.count == 2)
    }
}
