import ArticleText
import FeedModel
import Foundation
import Testing

/// Text from feeds is the attacker's: no reference, character or length of it may trap.
@Suite struct HostileTextTests {
    @Test(arguments: [
        ("&#99999999999999999999;", "&#99999999999999999999;"),  // too long to be a reference: text
        ("&#x110000;", "\u{FFFD}"), ("&#1114112;", "\u{FFFD}"), ("&#0;", "\u{FFFD}"), ("&#x0;", "\u{FFFD}"),
        ("&#xD800;", "\u{FFFD}"), ("&#55296;", "\u{FFFD}"), ("&#xDFFF;", "\u{FFFD}"), ("&#xFFFFFFFF;", "\u{FFFD}"),
        ("&#x10FFFF;", "\u{10FFFF}"), ("&#65;", "A"), ("&#x41;", "A"),
        ("&#+65;", "&#+65;"), ("&#-65;", "&#-65;"), ("&#٦٥;", "&#٦٥;"), ("&#６５;", "&#６５;"), ("&#x;", "&#x;"),
    ])
    func characterReferences(html: String, text: String) {
        #expect(HTMLText.plainText(fromHTML: html) == text)
    }

    @Test func numericReferencesTakeOnlyASCIIDigits() {
        #expect(HTMLEntities.scalar(numeric: "#+65") == nil)
        #expect(HTMLEntities.scalar(numeric: "#x+41") == nil)
        #expect(HTMLEntities.scalar(numeric: "#-0") == nil)
        #expect(HTMLEntities.scalar(numeric: "#٦٥") == nil)
        #expect(HTMLEntities.scalar(numeric: "#65") == "A")
    }

    /// The decoder writes into a buffer of the input's size: whatever expands most must still fit.
    @Test(arguments: ["&#x10FFFF;", "&#65536;", "&#0;", "&#128;", "&ne;", "&pi;", "&#xD800;", " <br>", "\u{3000}x", "<p>&lt;"])
    func decodedTextIsNeverLongerThanItsMarkup(piece: String) {
        let html = String(repeating: piece, count: 500)
        #expect(HTMLText.plainText(fromHTML: html).utf8.count <= html.utf8.count)
    }

    /// Composing a part (NFKC) may lengthen it many times (U+FDFA is eighteen characters): the
    /// buffer is sized again from the composed text.
    @Test func aPartThatGrowsWhenComposedStillFits() {
        let body = "e\u{0301} " + String(repeating: "\u{FDFA}", count: 2000)
        let composed = body.precomposedStringWithCompatibilityMapping
        #expect(ContentHash.normalize(body) == ContentHash.normalize(composed))
        #expect(ContentHash.normalize(body).utf8.count > body.utf8.count * 3)
        #expect(ContentHash.of(title: "\u{0301}\u{FDFA}", body: body).utf8.count == 64)
    }

    @Test(arguments: [
        "", ".", "A.", "A. B", "٣. ٤.", "๑. ๒", "１． ２", "¹. ²", "½. Then", "\u{0301}. \u{0301}", "\u{FDFA}. \u{FDFA}",
        String(repeating: "A. ", count: 1000), String(repeating: "\u{0301}", count: 1000),
    ])
    func hostileTextIsSplitAndHashed(text: String) {
        let sentences = Sentences.split(text)
        #expect(sentences.allSatisfy { !$0.isEmpty })
        #expect(ContentHash.of(title: text, body: HTMLText.plainText(fromHTML: text)).utf8.count == 64)
    }

    /// The text the writers write becomes a String without being validated again: whatever the
    /// markup, its bytes must be valid UTF-8, and the same String a validating one would be.
    @Test func writtenTextIsValidUTF8() {
        let pieces = [
            "é", "Київ", "€", "🇺🇦", "\u{3000}", "\u{00A0}", "\u{200B}", "e\u{301}", " ", "\n", "\t", "<p>", "</p>", "<br/>", "<b>",
            "<!-- é -->", "<script>é</script>", "&amp;", "&#xD800;", "&#x10FFFF;", "&#128;", "&nbsp;", "&eacute;", "&#x1F1FA;",
            "&", "<", ">", "&#", "&#x", "abcdefghijklmnopqrstuvwxyz", "0123456789",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let html = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                pieces[Int.random(in: pieces.indices, using: &generator)]
            }.joined()
            for text in [
                HTMLText.plainText(fromHTML: html), HTMLText.collapsingWhiteSpace(html),
                ContentHash.bodyText(content: html, summary: nil, isPlainText: false),
                ContentHash.bodyText(content: html, summary: nil, isPlainText: true),
            ] {
                let bytes = Array(text.utf8)
                #expect(UTF8Validation.classify(bytes) != .invalid, "\(html.debugDescription)")
                #expect(String(decoding: bytes, as: UTF8.self) == text)
            }
        }
    }
}
