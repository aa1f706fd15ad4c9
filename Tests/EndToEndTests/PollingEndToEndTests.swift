import Foundation
import Testing
import TestSupport

/// The whole loop with real parts: loopback HTTP and file feeds → libcurl → parser → SQLite →
/// trackers → alert log, driven through the built programs.
@Suite struct PollingEndToEndTests {
    static let plantStory = SampleFeeds.Item(
        guid: "kw-3", title: "Shelling near Zaporizhzhia nuclear plant cuts power line",
        link: "https://kyiv-wire.example/2026/11/plant",
        html: "<p>Shelling near the Zaporizhzhia nuclear plant’s perimeter cut a line, the IAEA said.</p><p>Repairs began.</p>")
    static let ceasefireStory = SampleFeeds.Item(
        guid: "kw-4", title: "Kyiv weighs ceasefire proposal", link: "https://kyiv-wire.example/2026/11/ceasefire",
        html: "<p>Ukraine is weighing a ceasefire along the line of contact.</p>")
    static let grainStory = SampleFeeds.Item(
        guid: "kw-5", title: "Grain corridor reopens", link: "https://kyiv-wire.example/2026/11/grain",
        html: "<p>Ships left Odesa.</p>")
    /// The plant story syndicated: other guid, other link, other markup, same text.
    static let plantStoryElsewhere = SampleFeeds.Item(
        guid: "tag:desk.example,2026:plant", title: "Shelling near  ZAPORIZHZHIA nuclear plant cuts power line",
        link: "https://desk.example/news/plant-power-line",
        html: "<div class=\"body\"><p><strong>Shelling</strong> near the Zaporizhzhia&nbsp;nuclear plant&#8217;s perimeter cut a line, the <em>IAEA</em> said.</p>\n<p>Repairs  began.</p></div>")

    @Test func feedsToAlertsOnceAndOnlyOnce() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/wire.xml": HTTPResponse(text: SampleFeeds.rss(title: "Kyiv Wire", items: [Self.plantStory, Self.ceasefireStory, Self.grainStory]))
            default: HTTPResponse(status: 404, text: "not found")
            }
        }
        let atomFile = install.directory.write("desk.atom", SampleFeeds.atom(title: "Europe Desk", entries: [Self.plantStoryElsewhere]))

        try install.ok("track", "keyword", "plant", "Zaporizhzhia nuclear plant")
        try install.ok("track", "keyword", "truce", "ceasefire", "armistice")
        try install.ok("track", "keyword", "grain-not-odesa", "grain", "--exclude", "Odesa")
        try install.ok("feed", "add", "--no-fetch", server.url("/wire.xml"))
        try install.ok("feed", "add", "--no-fetch", "file://" + atomFile, "--title", "Desk (file)", "--interval", "10m", "--tag", "eu")

        try install.once(all: false)
        let articles = try install.articles()
        #expect(articles.count == 3, "the syndicated plant story is stored once")
        let plant = try #require(articles.first { ($0["title"] as? String)?.lowercased().contains("zaporizhzhia") == true })
        #expect((plant["sources"] as? [[String: Any]])?.count == 2)

        var logged = install.alertLines()
        #expect(logged.count == 2)
        #expect(Set(logged.compactMap { $0["tracker"] as? String }) == ["plant", "truce"])
        #expect(logged.allSatisfy { $0["kind"] as? String == "keyword.matched" })
        let plantAlert = try #require(logged.first { $0["tracker"] as? String == "plant" })
        #expect((plantAlert["matched"] as? [String]) == ["Zaporizhzhia nuclear plant"])
        #expect((plantAlert["excerpt"] as? String)?.contains("IAEA said") == true)
        #expect((plantAlert["article"] as? [String: Any])?["content_hash"] as? String == plant["content_hash"] as? String)
        #expect(try install.alerts().count == 2)

        // Again, fetching everything: nothing new is stored or raised.
        try install.once()
        #expect(try install.articles().count == 3)
        logged = install.alertLines()
        #expect(logged.count == 2)
        #expect(try install.alerts().count == 2)
        #expect(server.requests(path: "/wire.xml").count == 2)
    }

    @Test func aFailingFeedIsRecordedAndTheOthersProceed() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/good.xml": HTTPResponse(text: SampleFeeds.rss(items: [Self.ceasefireStory]))
            case "/broken.xml": HTTPResponse(status: 500, text: "oops")
            case "/garbage.xml": HTTPResponse(text: "\u{1F}\u{8B} definitely not XML {")
            default: HTTPResponse(status: 200, headers: [("Content-Type", "text/html")], text: "<html><body>Front page</body></html>")
            }
        }
        try install.ok("track", "keyword", "truce", "ceasefire")
        try install.ok("feed", "add", "--no-fetch", server.url("/broken.xml"))
        try install.ok("feed", "add", "--no-fetch", server.url("/garbage.xml"))
        try install.ok("feed", "add", "--no-fetch", server.url("/page.html"))
        try install.ok("feed", "add", "--no-fetch", server.url("/good.xml"))
        try install.once()

        let feeds = try install.feeds()
        let byURL = Dictionary(uniqueKeysWithValues: feeds.map { ($0["url"] as! String, $0) })
        #expect(byURL[server.url("/broken.xml")]?["last_error"] as? String == "HTTP 500 Internal Server Error")
        #expect(byURL[server.url("/broken.xml")]?["status"] as? String == "failing")
        #expect(byURL[server.url("/broken.xml")]?["consecutive_failures"] as? Int == 1)
        #expect((byURL[server.url("/garbage.xml")]?["last_error"] as? String)?.hasPrefix("not a readable feed") == true)
        #expect(byURL[server.url("/page.html")]?["last_error"] as? String == "not a feed: an HTML page")
        #expect(byURL[server.url("/good.xml")]?["status"] as? String == "ok")
        #expect(try install.articles().count == 1)
        #expect(install.alertLines().count == 1)

        let listing = try install.ok("feed", "list")
        #expect(listing.contains("HTTP 500 Internal Server Error"))
        let status = try install.cli("status")
        #expect(status.status == 1, "no daemon runs")
        #expect(status.stdout.contains("3 failing"))
    }

    @Test func feedAddFetchesOnceAndTheFirstCycleDoesNotFetchAgain() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/wire.xml":
                HTTPResponse(headers: [("ETag", "\"w1\"")], text: SampleFeeds.rss(title: "Kyiv Wire", items: [Self.ceasefireStory, Self.grainStory]))
            case "/page.html": HTTPResponse(headers: [("Content-Type", "text/html")], text: "<html><body>Hello</body></html>")
            default: HTTPResponse(status: 500, text: "oops")
            }
        }
        try install.ok("track", "keyword", "truce", "ceasefire")
        let added = try install.ok("feed", "add", server.url("/wire.xml"))
        #expect(added.contains("Kyiv Wire"))
        #expect(added.contains("2 items, 2 new articles, 1 alert\n"))
        #expect(install.alertLines().count == 1)
        #expect(try install.feeds().first?["last_status"] as? Int == 200)

        try install.once(all: false)
        #expect(server.requests(path: "/wire.xml").count == 1, "the first cycle reuses feed add's fetch")
        try install.once(all: true)
        #expect(server.requests(path: "/wire.xml").last?.headers["if-none-match"] == "\"w1\"")
        #expect(install.alertLines().count == 1)

        let page = try install.cli("feed", "add", server.url("/page.html"))
        #expect(page.status == 2)
        #expect(page.stderr == "feedwatch: \(server.url("/page.html")): not a feed: an HTML page; nothing added\n")
        let broken = try install.cli("feed", "add", server.url("/broken.xml"))
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("HTTP 500 Internal Server Error; nothing added"))
        #expect(try install.feeds().count == 1)
    }

    @Test func opmlImportAndExportRoundTrip() throws {
        let install = Installation()
        let opml = install.directory.write("subs.opml", """
            <?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
            <outline text="Ukraine"><outline type="rss" text="Kyiv Wire" xmlUrl="https://kyiv-wire.example/feed.xml"/>
            <outline type="rss" text="Desk" xmlUrl="https://desk.example/atom"/></outline>
            <outline type="rss" text="Markets" xmlUrl="https://markets.example/rss"/></body></opml>
            """)
        #expect(try install.ok("feed", "import", opml).contains("imported 3 feeds"))
        #expect(try install.ok("feed", "import", opml).contains("imported 0 feeds (3 already watched)"))
        let feeds = try install.feeds()
        #expect(feeds.first?["tags"] as? [String] == ["Ukraine"])
        #expect(feeds.first?["title"] as? String == "Kyiv Wire")
        let exported = try install.ok("feed", "export")
        #expect(exported.contains("<outline text=\"Ukraine\" title=\"Ukraine\">"))
        #expect(exported.contains("xmlUrl=\"https://markets.example/rss\""))

        let list = install.directory.write("urls.txt", "# mine\nhttps://a.example/feed\n\nnot a url\n")
        let bad = try install.cli("feed", "import", list)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("urls.txt:4: not a URL"))
        #expect(try install.feeds().count == 3)
    }

    @Test func badInputExitsTwoWithOneLineAndChangesNothing() throws {
        let install = Installation()
        try install.ok("feed", "add", "--no-fetch", "https://example.com/feed.xml")
        try install.ok("track", "keyword", "truce", "ceasefire")
        func snapshot() throws -> [String] {
            try [["feed", "list"], ["tracker", "list"], ["alerts"], ["articles"]].map { verb in
                let result = try Programs.run("feedwatch", verb + ["--json"] + install.paths)
                return result.stdout
            }
        }
        let before = try snapshot()

        for arguments in [
            ["feed", "add", "not-a-url"], ["feed", "add", "ftp://example.com/feed"], ["feed", "add", "https://example.com/feed.xml"],
            ["feed", "add", "https://example.com/x", "--interval", "often"], ["feed", "remove", "99"],
            ["tracker", "remove", "nope"], ["alerts", "--since", "last tuesday"], ["feed", "frobnicate"],
            ["track", "keyword", "truce", "armistice"], ["track", "keyword", "empty", "--", "!!"],
            ["alerts", "--tracker", "nope"], ["articles", "--feed", "42"],
        ] {
            let result = try Programs.run("feedwatch", arguments + install.paths)
            #expect(result.status == 2, "\(arguments): exit \(result.status)")
            let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
            #expect(lines.count >= 1 && lines[0].count > 10, "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let notAURL = try Programs.run("feedwatch", ["feed", "add", "not-a-url"] + install.paths)
        #expect(notAURL.stderr == "feedwatch: no such file, and not a URL: 'not-a-url' (expected http://, https:// or file://)\n")
        #expect(try install.feeds().count == 1)
        #expect(try snapshot() == before)
    }

    @Test func aConfigTypoIsBadInput() throws {
        let install = Installation()
        let config = install.directory.write("feedwatch.toml", "[polling]\nintervall = \"5m\"\n")
        for program in ["feedwatch", "feedwatchd"] {
            let arguments = program == "feedwatch" ? ["feed", "list", "--config", config] : ["--once", "--config", config]
            let result = try Programs.run(program, arguments + install.paths)
            #expect(result.status == 2)
            #expect(result.stderr.contains("unknown key 'polling.intervall'"))
        }
    }
}
