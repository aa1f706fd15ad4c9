import FeedModel
import FeedParsing
import Foundation
import Testing
import TestSupport

@Suite struct HostileDocumentTests {
    private func allText(_ feed: ParsedFeed) -> String {
        var parts = [feed.title, feed.link, feed.subtitle].compactMap { $0 } + feed.warnings
        for item in feed.items {
            parts += [item.id, item.title, item.link, item.summary, item.content, item.text, item.author].compactMap { $0 }
        }
        return parts.joined(separator: "\n")
    }

    @Test func externalEntitiesAreNeverLoaded() throws {
        let directory = TemporaryDirectory()
        let secret = directory.write("secret.txt", "TOP-SECRET-VALUE-4242")
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY xxe SYSTEM "file://\(secret)">
              <!ENTITY % remote SYSTEM "file://\(secret)">
              %remote;
            ]>
            <rss version="2.0"><channel><title>T &xxe;</title>
            <item><guid>1</guid><title>Item &xxe;</title><description>&xxe; body</description></item>
            </channel></rss>
            """
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(!allText(feed).contains("TOP-SECRET"))
        #expect(feed.items.count == 1)
    }

    @Test func entityExpansionIsNotPerformed() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            xml += "<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        xml += "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><item><guid>1</guid><title>&lol9;</title></item></channel></rss>"
        let started = ContinuousClock.now
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(allText(feed).count < 10_000)
        #expect(feed.items.count == 1)
    }

    @Test func deepNestingIsBounded() throws {
        let depth = 100_000
        let xml = "<rss version=\"2.0\"><channel>" + String(repeating: "<x>", count: depth) + "deep text" + String(repeating: "</x>", count: depth)
            + "<item><guid>1</guid><title>After the deep part</title></item></channel></rss>"
        // libxml2 2.9.14 does not stop at any depth here: the reader skips what lies deeper than
        // its own limit, and reads on once the document climbs back.
        let started = ContinuousClock.now
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(feed.items.map(\.title) == ["After the deep part"])
        #expect(feed.warnings.contains("elements nested deeper than 256 levels skipped"))
        #expect(!allText(feed).contains("deep text"))
    }

    @Test func anHTMLPageIsNotAFeed() {
        let html = "<!DOCTYPE html><html><head><title>502</title></head><body><p>Bad gateway</p></body></html>"
        #expect(throws: FeedParseError.notAFeed("an HTML page")) { try FeedParser().parse(Array(html.utf8)) }
    }

    @Test func garbageIsReportedAsUnreadable() {
        #expect {
            try FeedParser().parse(Array("this is { not xml at all".utf8))
        } throws: { error in
            guard case .malformed(let detail) = error as? FeedParseError else { return false }
            return detail.contains("line 1")
        }
    }

    @Test func anEmptyBodyIsReported() {
        #expect(throws: FeedParseError.empty) { try FeedParser().parse(Array(" \n".utf8)) }
    }

    @Test func otherXMLIsNamed() {
        #expect(throws: FeedParseError.notAFeed("an XML document whose root element is <sitemap>")) {
            try FeedParser().parse(Array("<sitemap><url/></sitemap>".utf8))
        }
    }

    @Test func truncatedDocumentsKeepTheCompleteItems() throws {
        let xml = "<rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><title>Whole</title></item><item><guid>2</guid><title>Cut"
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.items.first?.title == "Whole")
        #expect(!feed.warnings.isEmpty)
    }
}

@Suite struct BrokenDocumentTests {
    @Test func htmlEntitiesInXMLAreReadAsTheirCharacters() throws {
        let xml = "<rss version=\"2.0\"><channel><title>Caf&eacute;&nbsp;Wire</title><item><guid>1</guid><title>Kyiv&rsquo;s envoys&nbsp;&mdash; again</title></item></channel></rss>"
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.title == "Café Wire")
        #expect(feed.items.first?.title == "Kyiv’s envoys — again")
        #expect(feed.warnings.contains("HTML entity &nbsp; used in XML; read as its character"))
    }

    @Test func bareAmpersandsAreReadAsText() throws {
        let xml = """
            <rss version="2.0"><channel><title>AT&T & Co</title><link>https://t.example/?a=1&b=2</link>
            <item><guid>1</guid><title>R&D &foo; &#169; &#xA9; &copy; &amp; &lt;b&gt;</title></item></channel></rss>
            """
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.title == "AT&T & Co")
        #expect(feed.link == "https://t.example/?a=1&b=2")
        #expect(feed.items.first?.title == "R&D &foo; © © © & <b>")
        #expect(feed.warnings.contains("5 unescaped ampersands read as text"))
    }

    @Test func ampersandsInCDATACommentsAndInstructionsAreLeftAlone() throws {
        let xml = """
            <?xml version="1.0"?><?render a&b?><!-- R&D --><rss version="2.0"><channel><title>T</title>
            <item><guid>1</guid><title><![CDATA[R&D &foo; ]]>&amp; more</title></item></channel></rss>
            """
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.items.first?.title == "R&D &foo; & more")
        #expect(feed.warnings.isEmpty)
    }

    @Test func referencesAfterABrokenTagAreStillRead() throws {
        let xml = """
            <rss version="2.0"><channel><title>T</title>
            <item><guid>1</guid><description><b>Unclosed</description></item>
            <item><guid>2</guid><title>Rock &amp; roll &lt;3 &eacute;t&eacute;</title></item></channel></rss>
            """
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.items.count == 2)
        #expect(feed.items.last?.title == "Rock & roll <3 été")
    }

    @Test func rawHTMLInADescriptionIsReadAsHTML() throws {
        let xml = """
            <rss version="2.0"><channel><title>T</title>
            <item><guid>1</guid><title>Raw <b>bold</b> &amp; more</title><description>Text <b>bold</b> R&amp;D <a href="https://x.example/?a=1&amp;b=2">link</a></description></item>
            <item><guid>2</guid><description>Stray</i> end tag</description></item>
            <item><guid>3</guid><description><p>Unclosed <em>emphasis</description></item>
            <item><guid>4</guid><title>Still here</title></item></channel></rss>
            """
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.items.map(\.id) == ["1", "2", "3", "4"])
        #expect(feed.items[0].title == "Raw bold & more")
        #expect(feed.items[0].summary == #"Text <b>bold</b> R&amp;D <a href="https://x.example/?a=1&amp;b=2">link</a>"#)
        #expect(feed.items[0].text == "Text bold R&D link")
        #expect(feed.items[1].summary == "Stray end tag")
        #expect(feed.items[2].summary == "<p>Unclosed <em>emphasis</em></p>")
        #expect(feed.items[3].title == "Still here")
    }
}

@Suite struct GarbageBeforeTheRootTests {
    @Test func aPHPNoticeBeforeTheDeclarationIsSkipped() throws {
        let xml = "\n<b>Notice</b>: Undefined index in feed.php on line 3\n<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><title>Kept</title></item></channel></rss>"
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.items.first?.title == "Kept")
        #expect(feed.warnings.contains { $0.hasSuffix("bytes of garbage before the document skipped") })
    }

    @Test func aPHPWarningThatStartsWithATagIsSkipped() throws {
        let xml = "<br />\n<b>Warning</b>:  Undefined variable $cache in <b>/var/www/feed.php</b> on line <b>12</b><br />\n"
            + "<rss version=\"2.0\"><channel><title>T</title><item><guid>1</guid><title>Kept</title></item></channel></rss>"
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.items.first?.title == "Kept")
        #expect(feed.warnings.contains { $0.hasSuffix("bytes of garbage before the document skipped") })
    }

    @Test func aCommentBeforeTheRootIsPartOfTheDocument() throws {
        let xml = "<!-- generated by feed.php --><rss version=\"2.0\"><channel><title>T</title></channel></rss>"
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.title == "T")
        #expect(feed.warnings.isEmpty)
    }

    @Test func whiteSpaceBeforeTheDeclarationIsSilentlyDropped() throws {
        let xml = "\n\n  <?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>"
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.title == "T")
        #expect(feed.warnings.isEmpty)
    }
}
