import Foundation
import Testing
import TestSupport

/// Feeds organised as a reader organises them: tags that filter every listing, feeds edited and
/// paused in place, trackers that read only some feeds, and an OPML export that imports back
/// to the same subscriptions.
@Suite struct OrganisingFeedsEndToEndTests {
    static func rss(_ title: String, _ items: [(guid: String, title: String, text: String)]) -> String {
        let body = items.map { "<item><guid>\($0.guid)</guid><title>\($0.title)</title><description>\($0.text)</description></item>" }
        return "<rss version=\"2.0\"><channel><title>\(title)</title><link>https://\(title.lowercased()).example/</link>"
            + body.joined() + "</channel></rss>"
    }

    /// A war desk and a markets desk, both mentioning a ceasefire, tagged apart.
    func twoDesks(_ install: Installation) throws -> (war: String, markets: String) {
        let war = install.directory.write("war.rss", Self.rss("War", [("w1", "Ceasefire proposal weighed", "A ceasefire along the line was proposed.")]))
        let markets = install.directory.write("markets.rss", Self.rss("Markets", [("m1", "Wheat slides on ceasefire talk", "Wheat fell as ceasefire talk eased risk.")]))
        try install.ok("feed", "add", war, "--tag", "war", "--tag", "Europe")
        try install.ok("feed", "add", markets, "--tag", "markets")
        return (war, markets)
    }

    @Test func aTagFiltersEveryListing() throws {
        let install = Installation()
        try install.ok("track", "keyword", "ceasefire", "ceasefire")
        try install.ok("track", "figure", "cap", "--near", "troops")
        _ = try twoDesks(install)

        let feeds = try install.json("feed", "list", "--tag", "WAR") as? [[String: Any]] ?? []
        #expect(feeds.map { $0["title"] as? String } == ["War"], "tags compare ignoring case")
        let articles = try install.json("articles", "--tag", "markets") as? [[String: Any]] ?? []
        #expect(articles.map { $0["title"] as? String } == ["Wheat slides on ceasefire talk"])
        let alerts = try install.json("alerts", "--tag", "war") as? [[String: Any]] ?? []
        #expect(alerts.count == 1)
        #expect((alerts.first?["feed"] as? [String: Any])?["title"] as? String == "War")
        #expect((try install.json("alerts") as? [Any])?.count == 2)
        #expect(try install.ok("figures", "history", "cap", "--tag", "war").contains("no values yet"))
        #expect((try install.json("feed", "list", "--tag", "war", "--tag", "markets") as? [Any])?.count == 2, "any of the tags")

        let unknown = try install.cli("alerts", "--tag", "sports")
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "feedwatch: no feed has the tag 'sports' (tags: europe, markets, war)\n")
    }

    @Test func aFeedIsEditedInPlace() throws {
        let install = Installation()
        _ = try twoDesks(install)
        let edited = try install.json("feed", "edit", "1", "--title", "Front line", "--interval", "2h", "--tag", "ukraine", "--untag", "europe")
            as? [String: Any]
        #expect(edited?["title"] as? String == "Front line")
        #expect(edited?["interval_seconds"] as? Int == 7200)
        #expect(edited?["tags"] as? [String] == ["war", "ukraine"])
        #expect(edited?["articles"] as? Int == 1, "its articles stay")
        #expect(try install.ok("feed", "edit", "1", "--interval", "default").contains("feed 1: Front line; polled at the default interval; tags war, ukraine"))
        #expect((try install.feeds().first?["interval_seconds"]).map { $0 is NSNull } == true)
        try install.once()
        #expect(try install.feeds().first?["title"] as? String == "Front line", "a title of one's own outlives polls")

        let bare = try install.cli("feed", "edit", "1", "--interval", "30")
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("--interval '30' has no unit"))
        let nothing = try install.cli("feed", "edit", "1")
        #expect(nothing.status == 2)
        #expect(nothing.stderr.contains("nothing to change"))
        #expect(try install.cli("feed", "edit", "99", "--title", "x").stderr.contains("no feed with id or URL '99'"))
    }

    @Test func aPausedFeedIsNotPolledUntilResumed() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { _ in
            HTTPResponse(headers: [("Content-Type", "application/rss+xml")], text: Self.rss("Wire", [("1", "One", "Text")]))
        }
        let url = server.url("/wire.xml")
        try install.ok("feed", "add", url)
        let paused = try install.json("feed", "pause", "1") as? [String: Any]
        #expect(paused?["status"] as? String == "paused")
        #expect(paused?["paused_at"] is String)
        #expect(try install.ok("feed", "list").contains("paused by you (`feedwatch feed resume 1` polls it again)"))
        try install.once(all: true)
        try install.once(all: false)
        #expect(server.requests(path: "/wire.xml").count == 1, "only the add fetched it")

        #expect(try install.ok("feed", "resume", "1").contains("pause ended; 1 feed due now"))
        #expect(try install.feeds().first?["status"] as? String == "ok")
        try install.once(all: false)
        #expect(server.requests(path: "/wire.xml").count == 2, "due at once after resume")
    }

    @Test func aTrackerReadsOnlyTheFeedsItIsScopedTo() throws {
        let install = Installation()
        try install.ok("track", "keyword", "war-ceasefire", "ceasefire", "--tag", "war")
        let list = try install.ok("tracker", "list")
        #expect(list.contains("any of \"ceasefire\"; only tagged war"))
        _ = try twoDesks(install)
        let alerts = try install.alerts()
        #expect(alerts.count == 1)
        #expect((alerts.first?["feed"] as? [String: Any])?["title"] as? String == "War")

        try install.ok("track", "keyword", "markets-only", "ceasefire", "--feed", "2")
        let backtest = try install.json("tracker", "test", "markets-only") as? [[String: Any]] ?? []
        #expect(backtest.count == 1)
        #expect((backtest.first?["feed"] as? [String: Any])?["title"] as? String == "Markets")
        let tracker = (try install.json("tracker", "list") as? [[String: Any]])?.first { $0["name"] as? String == "markets-only" }
        #expect(tracker?["feeds"] as? [Int] == [2])

        let unknown = try install.cli("track", "keyword", "x", "ceasefire", "--feed", "https://nowhere.example/feed")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no feed with id or URL 'https://nowhere.example/feed'"))
    }

    @Test func anOPMLExportImportsBackToTheSameFeeds() throws {
        let install = Installation()
        let opml = install.directory.write("mine.opml", """
            <?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
            <outline text="News"><outline text="Europe">
              <outline type="rss" text="Desk" xmlUrl="https://desk.example/atom" htmlUrl="https://desk.example/" interval="3600" category="/Daily,/war"/>
            </outline></outline>
            <outline type="rss" text="Markets" xmlUrl="https://markets.example/rss"/>
            </body></opml>
            """)
        try install.ok("feed", "import", opml)
        let first = try install.feeds()
        let desk = try #require(first.first { $0["url"] as? String == "https://desk.example/atom" })
        #expect(desk["tags"] as? [String] == ["News", "Europe", "Daily", "war"])
        #expect(desk["html_url"] as? String == "https://desk.example/")
        #expect(desk["interval_seconds"] as? Int == 3600)

        let exported = install.directory.write("exported.opml", try install.ok("feed", "export"))
        let other = Installation()
        try Programs.run("feedwatch", ["feed", "import", exported] + other.paths)
        let again = try other.feeds()
        func summary(_ feeds: [[String: Any]]) -> [String] {
            feeds.map { feed in
                ["url", "title", "tags", "interval_seconds", "html_url"].map { "\(feed[$0] ?? "-")" }.joined(separator: "|")
            }.sorted()
        }
        #expect(summary(again) == summary(first))

        let tooOften = install.directory.write("too-often.opml", """
            <opml version="2.0"><body><outline xmlUrl="https://fast.example/rss" interval="1"/></body></opml>
            """)
        let refused = try install.cli("feed", "import", tooOften)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("interval=\"1\" (seconds), outside from \"10s\" to \"30d\""))
    }
}
