import ArticleText
import Testing

/// The byte-level paths (sixteen-byte chunks of words, tag names and references read as
/// integers, text and hash made together) give what the plain definitions give.
@Suite struct ByteLevelTextTests {
    /// Every block and raw-text element, in any case, long enough that chunks of words are read.
    @Test(arguments: [
        "p", "br", "dd", "dl", "dt", "h1", "h6", "hr", "li", "ol", "td", "th", "tr", "ul", "div", "nav", "pre", "form",
        "main", "aside", "table", "tbody", "tfoot", "thead", "figure", "footer", "header", "address", "article",
        "caption", "section", "blockquote", "figcaption",
    ])
    func blockElementsBreakLines(name: String) {
        let words = "Several words of ordinary text between the tags"
        for tag in [name, name.uppercased()] {
            #expect(HTMLText.plainText(fromHTML: "\(words)<\(tag)>\(words)</\(tag)>\(words)") == "\(words)\n\(words)\n\(words)")
        }
    }

    @Test(arguments: ["span", "b", "a", "em", "h7", "blockquotes", "figcap", "pp", "di", "tablex"])
    func otherElementsDoNot(name: String) {
        #expect(HTMLText.plainText(fromHTML: "one two three four five<\(name)>six seven</\(name)> eight") == "one two three four fivesix seven eight")
    }

    @Test(arguments: ["script", "style", "noscript", "template", "SCRIPT", "NoScript"])
    func rawTextElementsAreDropped(name: String) {
        #expect(HTMLText.plainText(fromHTML: "before words here <\(name)>x < y && z</\(name)> after words here") == "before words here after words here")
    }

    @Test func everyNamedReferenceDecodes() {
        for name in HTMLEntities.names {
            let expected = HTMLEntities.scalar(named: name).map { String(Character($0)) } ?? ""
            let text = HTMLText.plainText(fromHTML: "x&\(name);y")
            #expect(text == "x\(expected)y" || (expected.unicodeScalars.first?.properties.isWhitespace == true && text == "x y"))
        }
    }

    /// Text around chunk boundaries: double spaces, spaces at a chunk's end, capitals, non-ASCII.
    @Test(arguments: [
        "Word  word", "Sixteen bytes!! x", "ABCDEFGHIJKLMNOP QRSTUVWXYZ", "aaaaaaaaaaaaaaa bbbbbbbbbbbbbbb ccc",
        "aaaaaaaaaaaaaaa  bbbbbbbbbbbbbbb", "Ünïcödé ÀÉÎ in the middle of a long ASCII sentence here",
        "tab\tin a long enough sentence to chunk", "zero\u{200B}width inside a long enough sentence",
        "non\u{A0}breaking inside a long enough sentence", "ends with a space at sixteen                ",
    ])
    func textAndHashMatchTheirDefinitions(text: String) {
        for offset in 0..<17 {
            let body = String(repeating: "x", count: offset) + text + " " + text.uppercased()
            let html = "<p>" + body + "</p>"
            let plain = HTMLText.plainText(fromHTML: html)
            let made = ContentHash.textAndHash(title: "Title", body: html, bodyIsHTML: true)
            #expect(made.text == plain)
            #expect(made.hash == ContentHash.of(title: "Title", body: plain))
            #expect(ContentHash.normalize(body) == ContentHash.normalize(body.lowercased()))
            let asText = ContentHash.textAndHash(title: nil, body: body, bodyIsHTML: false)
            #expect(asText.text == HTMLText.collapsingWhiteSpace(body))
        }
    }
}
