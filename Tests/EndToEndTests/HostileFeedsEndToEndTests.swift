import Foundation
import Testing
import TestSupport

/// The daemon against what the internet can send: documents that used to trap, bombs, endless
/// and dripping bodies, redirect loops, a server that asks for a pause until 2099. The healthy
/// feeds of the same cycle are stored in full and the daemon is still running at the end.
@Suite struct HostileFeedsEndToEndTests {
    static func item(_ id: String, _ title: String, date: String = "Sat, 21 Nov 2026 08:15:00 +0200", text: String = "Talks resumed.")
        -> SampleFeeds.Item
    {
        var item = SampleFeeds.Item(guid: id, title: title, link: "https://wire.example/\(id)", html: "<p>\(text)</p>")
        item.date = date
        return item
    }

    static let healthyTitles = [
        "Healthy wire one", "Healthy wire two", "Healthy desk one", "Healthy desk two", "Healthy JSON one",
    ]

    /// Paths and their hostile answers (served on 127.0.0.1).
    static func hostile(_ path: String) throws -> HTTPResponse? {
        switch path {
        case "/zone-thai.xml":
            return HTTPResponse(text: SampleFeeds.rss(items: [item("thai", "Thai digits in the zone", date: "Mon, 01 Dec 2025 10:00:00 +๐๒๐๐")]))
        case "/zone-arabic.xml":
            return HTTPResponse(text: SampleFeeds.rss(items: [item("arabic", "Arabic-Indic digits in the zone", date: "Mon, 01 Dec 2025 10:00:00 +٠٣٠٠")]))
        case "/zone-fullwidth.atom":
            return HTTPResponse(text: """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Fullwidth</title><id>urn:fw</id><updated>2025-12-01T10:00:00Z</updated>
                <entry><id>urn:fw:1</id><title>Fullwidth digits in an Atom date</title><link href="https://wire.example/fw"/>
                <updated>2025-12-01T10:00:00+０３:００</updated><summary>Half: +½</summary></entry></feed>
                """)
        case "/zone-json.json":
            return HTTPResponse(headers: [("Content-Type", "application/feed+json")], text: """
                {"version": "https://jsonfeed.org/version/1.1", "title": "JSON zones", "items": [
                 {"id": 1e400, "title": "JSON Feed with a fullwidth zone", "content_text": "Zones.", "url": "https://wire.example/jz",
                  "date_published": "2025-12-01T10:00:00GMT+０３００"}]}
                """)
        case "/ttl.xml":
            let rss = SampleFeeds.rss(items: [item("ttl", "An endless ttl")])
            return HTTPResponse(text: rss.replacingOccurrences(of: "<channel>", with: "<channel><ttl>999999999999999999</ttl>"))
        case "/huge-figure.xml":
            let digits = String(repeating: "9", count: 400)
            return HTTPResponse(text: SampleFeeds.rss(items: [item("huge", "A figure of 400 digits", text: "The cap on troops rose to \(digits) troops.")]))
        case "/bomb.xml":
            let bomb = try Compression.gzip([UInt8](repeating: 0x20, count: 24 << 20))
            return HTTPResponse(headers: [("Content-Encoding", "gzip"), ("Content-Type", "application/xml")], body: bomb)
        case "/endless.xml":
            return HTTPResponse(headers: [("Content-Type", "application/xml")], body: [UInt8](repeating: 0x20, count: 3 << 20))
        case "/drip.xml":
            var response = HTTPResponse(text: SampleFeeds.rss(items: [item("drip", "Dripped")]))
            response.dripDelay = .milliseconds(200)
            return response
        case "/loop-a": return HTTPResponse(status: 301, headers: [("Location", "/loop-b")], body: [])
        case "/loop-b": return HTTPResponse(status: 301, headers: [("Location", "/loop-a")], body: [])
        case "/binary.xml":
            return HTTPResponse(body: (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })
        default: return nil
        }
    }

    static func healthy(_ path: String) -> HTTPResponse? {
        switch path {
        case "/healthy.xml": HTTPResponse(text: SampleFeeds.rss(items: [item("h1", healthyTitles[0]), item("h2", healthyTitles[1])]))
        case "/healthy.atom": HTTPResponse(text: SampleFeeds.atom(entries: [item("h3", healthyTitles[2]), item("h4", healthyTitles[3])]))
        case "/healthy.json":
            HTTPResponse(headers: [("Content-Type", "application/feed+json")], text: """
                {"version": "https://jsonfeed.org/version/1.1", "title": "JSON", "items": [
                 {"id": "h5", "title": "\(healthyTitles[4])", "content_text": "Talks resumed.", "url": "https://wire.example/h5"}]}
                """)
        default: nil
        }
    }

    @Test func hostileFeedsNeverCostTheHealthyOnes() async throws {
        let install = Installation()
        let busy = Locked(true)
        let server = try LoopbackHTTPServer { request in
            if request.path == "/retry-2099.xml", busy.get() {
                return HTTPResponse(status: 503, headers: [("Retry-After", "Wed, 21 Oct 2099 07:28:00 GMT")], text: "busy")
            }
            return (try? Self.hostile(request.path)) ?? Self.healthy(request.path) ?? HTTPResponse(status: 404, text: "no")
        }
        let config = install.directory.write("feedwatch.toml", """
            [polling]
            timeout = "3s"
            max_body = "1MB"
            """)
        try install.ok("track", "figure", "troop-cap", "--near", "troops")
        try install.ok("track", "keyword", "talks", "talks")
        let hostilePaths = [
            "/zone-thai.xml", "/zone-arabic.xml", "/zone-fullwidth.atom", "/zone-json.json", "/ttl.xml", "/huge-figure.xml",
            "/bomb.xml", "/endless.xml", "/drip.xml", "/loop-a", "/binary.xml",
        ]
        for path in hostilePaths + ["/healthy.xml", "/healthy.atom", "/healthy.json"] {
            try install.ok("feed", "add", "--no-fetch", server.url(path))
        }
        // On its own host name, so that its pause holds back no other feed.
        try install.ok("feed", "add", "--no-fetch", server.url(host: "localhost", "/retry-2099.xml"))

        let daemon = try Programs.start(
            "feedwatchd", ["--config", config] + install.paths, output: install.directory.file("out"),
            environment: ["SWIFT_BACKTRACE": "enable=no"])
        defer { if daemon.isRunning { daemon.terminate() } }
        try await waitUntil("every feed fetched once") {
            try install.feeds().allSatisfy { $0["last_fetch"] is String }
        }
        let titles = Set(try install.articles().compactMap { $0["title"] as? String })
        for title in Self.healthyTitles { #expect(titles.contains(title), "healthy article '\(title)' stored") }
        // What the hostile documents carried beside their traps is stored too.
        for title in ["Thai digits in the zone", "Arabic-Indic digits in the zone", "Fullwidth digits in an Atom date",
                      "JSON Feed with a fullwidth zone", "An endless ttl", "A figure of 400 digits"] {
            #expect(titles.contains(title), "'\(title)' stored")
        }
        #expect(daemon.isRunning, "feedwatchd is still running")

        let feeds = try install.feeds()
        func feed(_ path: String) -> [String: Any]? { feeds.first { ($0["url"] as? String)?.hasSuffix(path) == true } }
        for path in ["/bomb.xml", "/endless.xml", "/drip.xml", "/loop-a", "/binary.xml"] {
            #expect(feed(path)?["status"] as? String == "failing", "\(path) is failing, not fatal")
        }
        // The ttl of 10^18 minutes stretches the interval no further than a day.
        let ttlNext = try #require((feed("/ttl.xml")?["next_fetch"] as? String).flatMap { Self.date($0) })
        #expect(ttlNext.timeIntervalSinceNow < 86400 + 600)

        // Retry-After in 2099 pauses the host for a day at most, shown by status, lifted by resume.
        let status = try install.status().json
        let pauses = status["paused_hosts"] as? [[String: Any]] ?? []
        let pause = try #require(pauses.first { $0["host"] as? String == "localhost" })
        let until = try #require((pause["until"] as? String).flatMap { Self.date($0) })
        #expect(until.timeIntervalSinceNow <= 86400 + 60)
        #expect(until.timeIntervalSinceNow > 3600)
        #expect(feed("/retry-2099.xml")?["status"] as? String == "paused")
        // The host is back; resumed, its feed is polled at once, and stays unpaused.
        busy.set(false)
        let resumed = try install.ok("feed", "resume", "localhost")
        #expect(resumed.contains("pause of localhost lifted"))
        try await waitUntil("the paused feed polled again") {
            server.requests(path: "/retry-2099.xml").count >= 2
        }
        #expect(((try install.status().json["paused_hosts"]) as? [Any])?.isEmpty == true)

        // A number of 400 digits is no figure: the article is stored, but the tracker reads no
        // value from it (it would have been +infinity).
        let figureAlerts = install.alertLines().filter { ($0["kind"] as? String)?.hasPrefix("figure.") == true }
        #expect(!figureAlerts.contains { ($0["article"] as? [String: Any])?["title"] as? String == "A figure of 400 digits" })
        let history = try Programs.run("feedwatch", ["figures", "history", "troop-cap", "--json"] + install.paths)
        #expect(history.status == 0, "\(history.stderr)")
        #expect(!history.stdout.contains("https://wire.example/huge") && !history.stdout.contains("Infinity"))
        #expect(daemon.isRunning, "feedwatchd is still running")
        daemon.interrupt()
        try await waitUntil("exit") { !daemon.isRunning }
        #expect(daemon.terminationStatus == 0)
        let output = (try? String(contentsOfFile: install.directory.file("out"), encoding: .utf8)) ?? ""
        #expect(!output.contains("Fatal error"))
    }

    static func date(_ text: String) -> Date? {
        ISO8601DateFormatter().date(from: text)
    }
}
