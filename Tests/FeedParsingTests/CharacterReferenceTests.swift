import FeedModel
import FeedParsing
import Foundation
import Testing

/// Character references out of Unicode's range, zero, surrogates or absurdly long, whether libxml2
/// reads them (XML text) or the HTML decoder does (escaped HTML): text or U+FFFD, never a trap.
@Suite struct CharacterReferenceTests {
    static let references = [
        "&#99999999999999999999;", "&#x110000;", "&#1114112;", "&#0;", "&#x0;", "&#xD800;", "&#55296;", "&#xDFFF;",
        "&#xFFFFFFFFFFFFFFFF;", "&#+65;", "&#٦٥;", "&#x;", "&#;",
    ]

    @Test(arguments: references)
    func inXMLTextAndInEscapedHTML(reference: String) throws {
        let escaped = reference.replacingOccurrences(of: "&", with: "&amp;")
        let xml = """
            <rss version="2.0"><channel><title>T \(reference) end</title>
            <item><guid>1</guid><title>A \(escaped) b</title><description>x \(escaped) y</description></item>
            <item><guid>2</guid><title>After</title><description>&lt;p&gt;fine&lt;/p&gt;</description></item>
            </channel></rss>
            """
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.items.count == 2)
        #expect(feed.items.last?.text == "fine")
        #expect(feed.items.first?.text.hasPrefix("x ") == true)
    }
}
