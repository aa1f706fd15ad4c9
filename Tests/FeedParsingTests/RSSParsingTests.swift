import FeedModel
import FeedParsing
import Foundation
import Testing

@Suite struct RSSParsingTests {
    let document = """
        <?xml version="1.0" encoding="UTF-8"?>
        <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel>
          <title>Kyiv Wire</title><link>https://kyiv-wire.example/</link>
          <description>News &amp; analysis</description><language>en</language>
          <lastBuildDate>Sat, 21 Nov 2026 10:00:00 GMT</lastBuildDate>
          <image><title>Logo</title><link>https://elsewhere.example/</link><url>https://x.example/l.png</url></image>
          <item>
            <title>Draft plan caps army at 600,000 troops</title>
            <link>/2026/11/plan</link>
            <guid isPermaLink="false">kw-1</guid>
            <pubDate>Sat, 21 Nov 2026 08:15:00 +0200</pubDate>
            <dc:creator>Olena Marchenko</dc:creator>
            <category>Diplomacy</category><category>Security</category>
            <description>&lt;p&gt;A short summary.&lt;/p&gt;</description>
            <content:encoded><![CDATA[<p>The draft <b>caps</b> the army.</p><p>Officials said so.</p>]]></content:encoded>
          </item>
          <item>
            <title>No guid here</title>
            <link>https://kyiv-wire.example/2026/11/no-guid</link>
            <description>Plain body</description>
          </item>
          <item><description>Neither guid nor link</description></item>
        </channel></rss>
        """

    @Test func readsChannelAndItemFields() throws {
        let feed = try FeedParser().parse(Array(document.utf8), url: "https://kyiv-wire.example/feed.xml")
        #expect(feed.format == .rss20)
        #expect(feed.title == "Kyiv Wire")
        #expect(feed.link == "https://kyiv-wire.example/")
        #expect(feed.subtitle == "News & analysis")
        #expect(feed.language == "en")
        #expect(feed.updated.map(Timestamp.string) == "2026-11-21T10:00:00Z")
        #expect(feed.items.count == 3)
        let item = feed.items[0]
        #expect(item.id == "kw-1")
        #expect(item.title == "Draft plan caps army at 600,000 troops")
        #expect(item.link == "https://kyiv-wire.example/2026/11/plan")
        #expect(item.published.map(Timestamp.string) == "2026-11-21T06:15:00Z")
        #expect(item.author == "Olena Marchenko")
        #expect(item.categories == ["Diplomacy", "Security"])
        #expect(item.summary == "<p>A short summary.</p>")
        #expect(item.content == "<p>The draft <b>caps</b> the army.</p><p>Officials said so.</p>")
        #expect(item.text == "The draft caps the army.\nOfficials said so.")
        #expect(item.contentHash.count == 64)
    }

    @Test func derivesStableIDsForItemsWithoutGUID() throws {
        let first = try FeedParser().parse(Array(document.utf8))
        let second = try FeedParser().parse(Array(document.utf8))
        #expect(first.items[1].id == "https://kyiv-wire.example/2026/11/no-guid")
        #expect(first.items[2].id.hasPrefix("urn:feedwatch:sha256:"))
        #expect(first.items[2].id == second.items[2].id)
    }

    @Test func rss091IsRecognised() throws {
        let feed = try FeedParser().parse(Array(#"<rss version="0.91"><channel><title>Old</title><item><title>A</title></item></channel></rss>"#.utf8))
        #expect(feed.format == .rss09x)
        #expect(feed.items.first?.title == "A")
    }

    @Test func rdfFeedsAreRSS10() throws {
        let rdf = """
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
                     xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://r.example/"><title>RDF Wire</title><link>https://r.example/</link></channel>
              <item rdf:about="https://r.example/1"><title>One</title><link>https://r.example/1</link>
                <dc:date>2026-11-20T09:00:00+01:00</dc:date><description>Body one</description></item>
            </rdf:RDF>
            """
        let feed = try FeedParser().parse(Array(rdf.utf8))
        #expect(feed.format == .rss10)
        #expect(feed.title == "RDF Wire")
        let rss090 = rdf.replacingOccurrences(of: "http://purl.org/rss/1.0/", with: "http://my.netscape.com/rdf/simple/0.9/")
        #expect(try FeedParser().parse(Array(rss090.utf8)).format == .rss09x)
        #expect(feed.items.first?.id == "https://r.example/1")
        #expect(feed.items.first?.published.map(Timestamp.string) == "2026-11-20T08:00:00Z")
    }

    @Test func titlesAndAuthorsAreOneLine() throws {
        let xml = """
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title> Kyiv
              Wire </title><item><guid>1</guid><title>  Power restored\tto 90%\u{00A0}\u{00A0}of
                the capital </title><dc:creator>  Павел
                Смирнов  </dc:creator></item></channel></rss>
            """
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.title == "Kyiv Wire")
        #expect(feed.items.first?.title == "Power restored to 90% of the capital")
        #expect(feed.items.first?.author == "Павел Смирнов")
    }

    @Test func unreadableDateKeepsTheItemWithAWarning() throws {
        let xml = "<rss version=\"2.0\"><channel><item><guid>x</guid><title>T</title><pubDate>someday soon</pubDate></item></channel></rss>"
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.items.count == 1)
        #expect(feed.items[0].published == nil)
        #expect(feed.warnings.contains { $0.contains("someday soon") })
    }

    @Test func declaredLegacyEncodingIsDecoded() throws {
        // "Київ" in windows-1251.
        var bytes = Array("<?xml version=\"1.0\" encoding=\"windows-1251\"?><rss version=\"2.0\"><channel><title>".utf8)
        bytes += [0xCA, 0xE8, 0xBF, 0xE2]
        bytes += Array("</title></channel></rss>".utf8)
        let feed = try FeedParser().parse(bytes)
        #expect(feed.title == "Київ")
    }
}

@Suite struct RSSNamespaceTests {
    @Test func mediaRSSAndAtomLinkFillWhatTheItemLacks() throws {
        let xml = """
            <rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom">
            <channel><title>Video Wire</title><atom:link rel="self" href="https://v.example/feed"/>
              <item><guid isPermaLink="false">v-1</guid>
                <atom:link rel="alternate" href="https://v.example/watch/1"/>
                <media:group><media:title>Talks in Geneva</media:title>
                  <media:description>Envoys met for a ceasefire.</media:description>
                  <media:content url="https://cdn.example/1.mp4" type="video/mp4"/></media:group>
                <media:category>Diplomacy</media:category>
              </item>
              <item><guid>v-2</guid><title>Own title</title><link>https://v.example/2</link><description>Own text</description>
                <media:title>Not this</media:title><media:description>Nor this</media:description></item>
            </channel></rss>
            """
        let feed = try FeedParser().parse(Array(xml.utf8))
        #expect(feed.items.count == 2)
        let first = feed.items[0]
        #expect(first.title == "Talks in Geneva")
        #expect(first.text == "Envoys met for a ceasefire.")
        #expect(first.link == "https://v.example/watch/1")
        #expect(first.categories == ["Diplomacy"])
        let second = feed.items[1]
        #expect(second.title == "Own title")
        #expect(second.text == "Own text")
        #expect(second.link == "https://v.example/2")
    }
}
