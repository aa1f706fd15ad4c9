import FeedParsing
import Testing

/// The feeds a web page announces in its head, read as browsers read them.
@Suite struct FeedDiscoveryTests {
    static let page = """
        <!DOCTYPE html>
        <HTML lang=en><HEAD>
        <meta charset="utf-8"><title>Kyiv Wire — news</title>
        <!-- <link rel="alternate" type="application/rss+xml" href="/commented-out.xml"> -->
        <script>document.write('<link rel="alternate" type="application/rss+xml" href="/from-script.xml">')</script>
        <link rel="stylesheet alternate" type="text/css" href="/dark.css">
        <LINK REL="Alternate" TYPE="application/rss+xml; charset=utf-8" TITLE="Top stories" HREF="/rss/top.xml?a=1&amp;b=2">
        <link rel=alternate type=application/atom+xml href=https://feeds.kyiv-wire.example/atom title="All (Atom)">
        <link rel="alternate" type="application/feed+json" href="//cdn.kyiv-wire.example/feed.json">
        <link rel="alternate" type="application/rss+xml" href="/rss/top.xml?a=1&#38;b=2">
        <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
        <link rel="alternate" hreflang="uk" href="/uk/">
        </head><body>
        <link rel="alternate" type="application/rss+xml" href="/in-body.xml">
        </body></HTML>
        """

    @Test func findsEachAnnouncedFeedOnceResolvedAgainstThePage() {
        let feeds = FeedDiscovery.feeds(in: Array(Self.page.utf8), pageURL: "https://kyiv-wire.example/news/")
        #expect(feeds.map(\.url) == [
            "https://kyiv-wire.example/rss/top.xml?a=1&b=2", "https://feeds.kyiv-wire.example/atom", "https://cdn.kyiv-wire.example/feed.json",
        ])
        #expect(feeds.map(\.title) == ["Top stories", "All (Atom)", nil])
        #expect(feeds.map(\.type) == ["application/rss+xml", "application/atom+xml", "application/feed+json"])
    }

    @Test(arguments: [
        "", "<", "<link", "<link rel=", "<link rel=\"alternate", "<!--", "<script>", "<link rel='alternate' type='application/rss+xml' href='",
        String(repeating: "<link ", count: 10000), String(repeating: "<!--", count: 5000), "<link \u{0}\u{FFFF} =>",
    ])
    func aBrokenPageYieldsWhatItCanAndEnds(page: String) {
        let feeds = FeedDiscovery.feeds(in: Array(page.utf8), pageURL: "https://a.example/")
        #expect(feeds.count <= 1)
    }

    @Test func aFilePageMayLinkAFileFeedAndAWebPageMayNot() {
        let page = Array(#"<link rel="alternate" type="application/rss+xml" href="feed.xml">"#.utf8)
        #expect(FeedDiscovery.feeds(in: page, pageURL: "file:///srv/site/index.html").map(\.url) == ["file:///srv/site/feed.xml"])
        let local = Array(#"<link rel="alternate" type="application/rss+xml" href="file:///etc/passwd">"#.utf8)
        #expect(FeedDiscovery.feeds(in: local, pageURL: "https://a.example/").isEmpty)
    }
}
