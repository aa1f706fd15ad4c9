import Foundation
import Testing
import TestSupport

/// What a person meets in a week of daily use: typos of verbs, bare numbers, a missing file, two
/// adds at once, a database that is not there yet or cannot be written. Each answer is one line
/// that says what to do, with exit 2 for bad input and 1 for a failure at run time.
@Suite struct EverydayCLIEndToEndTests {
    /// One line on standard error holding `text`, and the exit status.
    func expectOneLine(_ result: Programs.Result, status: Int32, mentioning text: String, _ what: String) {
        #expect(result.status == status, "\(what): exit \(result.status), \(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { !$0.isEmpty }
        #expect(lines.count == 1, "\(what): one line: \(result.stderr)")
        #expect(result.stderr.contains(text), "\(what): \(result.stderr)")
    }

    static let wire = """
        <rss version="2.0"><channel><title>Wire</title>
        <item><guid>1</guid><title>Ceasefire talks resume</title><description>A ceasefire was proposed.</description></item>
        </channel></rss>
        """

    @Test func aMistypedVerbNamesTheVerbMeant() throws {
        let install = Installation()
        let cases: [([String], String)] = [
            (["feeds", "list"], "did you mean `feedwatch feed list`?"),
            (["feed", "lst"], "did you mean `feedwatch feed list`?"),
            (["trackr", "list"], "did you mean `feedwatch tracker list`?"),
            (["alert"], "did you mean `feedwatch alerts`?"),
            (["frobnicate"], "one of: feed, track, tracker"),
        ]
        for (arguments, expected) in cases {
            let result = try Programs.run("feedwatch", arguments + install.paths)
            expectOneLine(result, status: 2, mentioning: expected, arguments.joined(separator: " "))
            #expect(result.stderr.hasPrefix("feedwatch: unknown command '\(arguments.last == "lst" ? "lst" : arguments[0])'"))
        }
        #expect(!FileManager.default.fileExists(atPath: install.database), "a typo creates nothing")
    }

    @Test func argumentErrorsAreOneLineWithExit2() throws {
        let install = Installation()
        let cases: [([String], String)] = [
            (["alerts", "--limit", "0"], "--limit must be at least 1 (see `feedwatch alerts --help`)"),
            (["feed", "add"], "Missing expected argument '<url>' (see `feedwatch feed add --help`)"),
            (["alerts", "--bogus"], "Unknown option '--bogus'"),
            (["articles", "--limit", "many"], "--limit"),
        ]
        for (arguments, expected) in cases {
            expectOneLine(try Programs.run("feedwatch", arguments + install.paths), status: 2, mentioning: expected, arguments.joined(separator: " "))
        }
        let daemon = try Programs.run("feedwatchd", ["--bogus"] + install.paths)
        expectOneLine(daemon, status: 2, mentioning: "Unknown option '--bogus'", "feedwatchd --bogus")
    }

    @Test func aBareNumberIsNotADuration() throws {
        let install = Installation()
        try install.ok("track", "keyword", "talks", "ceasefire")
        let interval = try install.cli("feed", "add", "--no-fetch", "--interval", "10", "http://a.example/feed")
        expectOneLine(interval, status: 2, mentioning: "--interval '10' has no unit: write 10s, 10m, 10h or 10d", "--interval 10")
        let since = try install.cli("alerts", "--since", "2")
        expectOneLine(since, status: 2, mentioning: "--since '2' has no unit", "alerts --since 2")
        let test = try install.cli("tracker", "test", "talks", "--since", "2")
        expectOneLine(test, status: 2, mentioning: "--since '2' has no unit", "tracker test --since 2")
        #expect(try install.feeds().isEmpty)
        try install.ok("feed", "add", "--no-fetch", "--interval", "10m", "http://a.example/feed")
        #expect(try install.feeds().first?["interval_seconds"] as? Int == 600)
    }

    @Test func aMissingFileIsNotCalledABadURL() throws {
        let install = Installation()
        expectOneLine(
            try install.cli("feed", "add", install.directory.file("gone.xml")), status: 2,
            mentioning: "no such file: '\(install.directory.file("gone.xml"))'", "a missing absolute path")
        expectOneLine(try install.cli("feed", "add", "feeds/wire.rss"), status: 2, mentioning: "no such file: 'feeds/wire.rss'", "a relative path")
        expectOneLine(
            try install.cli("feed", "add", "example.com/feed"), status: 2,
            mentioning: "not a URL: 'example.com/feed' has no scheme (did you mean 'https://example.com/feed'?)", "a host without scheme")
        let file = install.directory.write("wire.rss", Self.wire)
        try install.ok("feed", "add", file)
        #expect(try install.feeds().count == 1)
    }

    /// Two `feed add` of one URL at once, both past the check made before fetching: the store's
    /// UNIQUE URL refuses the second, which exits 2 with the same line as a plain duplicate.
    @Test func twoAddsOfOneFeedAtOnceExit0And2() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { _ in
            var response = HTTPResponse(headers: [("Content-Type", "application/rss+xml")], text: Self.wire)
            response.delay = .milliseconds(600)
            return response
        }
        for round in 1...3 {
            let url = server.url("/wire-\(round).xml")
            let results = Locked<[Programs.Result]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { _ in
                if let result = try? Programs.run("feedwatch", ["feed", "add", url] + install.paths) { results.update { $0.append(result) } }
            }
            let statuses = results.get().map(\.status).sorted()
            #expect(statuses == [0, 2], "round \(round): \(results.get().map(\.stderr))")
            #expect(results.get().contains { $0.stderr == "feedwatch: feed already added: \(url)\n" })
        }
        #expect(try install.feeds().count == 3)
    }

    @Test func removingAndExportingSpeakJSON() throws {
        let install = Installation()
        try install.ok("feed", "add", "--no-fetch", "--tag", "war", "--interval", "2h", "http://a.example/feed")
        try install.ok("track", "keyword", "talks", "ceasefire")
        let exported = try install.json("feed", "export") as? [[String: Any]]
        #expect(exported?.first?["url"] as? String == "http://a.example/feed")
        #expect(exported?.first?["tags"] as? [String] == ["war"])
        #expect(exported?.first?["interval_seconds"] as? Int == 7200)
        let removedFeed = try install.json("feed", "remove", "1") as? [String: Any]
        #expect(removedFeed?["url"] as? String == "http://a.example/feed")
        let removedTracker = try install.json("tracker", "remove", "talks") as? [String: Any]
        #expect(removedTracker?["name"] as? String == "talks")
        #expect(try install.feeds().isEmpty)

        let config = install.directory.write("hooks.toml", """
            [[sink]]
            name = "true"
            type = "exec"
            command = ["/bin/true"]
            """)
        let hook = try Programs.run("feedwatch", ["hooks", "test", "true", "--json", "--config", config] + install.paths)
        #expect(hook.status == 0, "\(hook.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(hook.stdout.utf8)) as? [String: Any]
        #expect(json?["sink"] as? String == "true")
        #expect(json?["delivered"] as? Bool == true)
        #expect((json?["alert_id"] as? String)?.isEmpty == false)
    }

    @Test func readingCommandsCreateNoDatabase() throws {
        let install = Installation()
        let commands: [[String]] = [
            ["feed", "list"], ["alerts"], ["articles", "--search", "x"], ["tracker", "list"], ["feed", "export"],
            ["feed", "list", "--json"], ["alerts", "--json"],
        ]
        for arguments in commands {
            let result = try Programs.run("feedwatch", arguments + install.paths)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        let status = try install.cli("status")
        #expect(status.status == 1, "no daemon runs")
        #expect(status.stdout.contains("(none yet: `feedwatch feed add URL` creates it)"))
        #expect(try install.cli("tracker", "test", "nothing").stderr.contains("no tracker named 'nothing'"))
        #expect(!FileManager.default.fileExists(atPath: install.database))
        #expect(!FileManager.default.fileExists(atPath: install.directory.file("state")), "not even its directory")
    }

    /// As the daemon's user owns the database, or on a read-only mount: reading works, writing
    /// fails with one line.
    @Test(.enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
    func aReadOnlyDatabaseCanBeRead() throws {
        let install = Installation()
        let mountPoint = install.directory.file("ro")
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        #expect(try Programs.runSystem("/bin/mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", mountPoint]).status == 0)
        defer { _ = try? Programs.runSystem("/bin/umount", ["-l", mountPoint]) }
        let paths = ["--database", mountPoint + "/feedwatch.sqlite", "--alert-log", install.alertLog]
        let feed = install.directory.write("wire.rss", Self.wire)
        #expect(try Programs.run("feedwatch", ["track", "keyword", "talks", "ceasefire"] + paths).status == 0)
        #expect(try Programs.run("feedwatch", ["feed", "add", feed] + paths).status == 0)
        #expect(try Programs.runSystem("/bin/mount", ["-o", "remount,ro", mountPoint]).status == 0)

        let list = try Programs.run("feedwatch", ["feed", "list", "--json"] + paths)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("\"title\" : \"Wire\""))
        for arguments in [["alerts"], ["articles", "--search", "ceasefire"], ["tracker", "list"], ["feed", "export"], ["tracker", "test", "talks"]] {
            let result = try Programs.run("feedwatch", arguments + paths)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            #expect(!result.stdout.isEmpty)
        }
        #expect(try Programs.run("feedwatch", ["status"] + paths).stdout.contains("feeds: 1 (0 failing)  articles: 1"))
        let add = try Programs.run("feedwatch", ["feed", "add", "--no-fetch", "http://b.example/feed"] + paths)
        expectOneLine(add, status: 1, mentioning: "Read-only file system", "a write to a read-only database")
    }

    /// Alerts a `feed add` raises reach standard error as JSON lines (the journal's format),
    /// while standard output keeps the verb's own answer.
    @Test func alertsRaisedByFeedAddAreShownOnStandardError() throws {
        let install = Installation()
        try install.ok("track", "keyword", "talks", "ceasefire")
        let feed = install.directory.write("wire.rss", Self.wire)
        let result = try Programs.run("feedwatch", ["feed", "add", "--json", feed] + install.paths)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [String: Any], "stdout is one JSON document")
        let line = try #require(result.stderr.split(separator: "\n").first)
        let alert = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        #expect(alert?["kind"] as? String == "keyword.matched")
        #expect(alert?["tracker"] as? String == "talks")
        #expect(install.alertLines().count == 1)

        let text = try install.cli("feed", "add", install.directory.write("other.rss", Self.wire.replacingOccurrences(of: "<guid>1", with: "<guid>2")))
        #expect(text.stdout.contains("1 item, 0 new articles, 0 alerts"), "\(text.stdout)")
    }

    @Test func countsAndTimesReadAsSentences() async throws {
        let install = Installation()
        try install.ok("track", "keyword", "talks", "ceasefire")
        let feed = install.directory.write("wire.rss", Self.wire)
        #expect(try install.ok("feed", "add", feed).contains("1 item, 1 new article, 1 alert\n"))
        #expect(try install.ok("tracker", "test", "talks").contains("would have raised 1 alert; nothing was recorded"))

        let daemon = try Programs.start("feedwatchd", install.paths, output: install.directory.file("out"))
        defer { if daemon.isRunning { daemon.terminate() } }
        try await waitUntil("the daemon runs") { (try? install.status().running) == true }
        // "just now" within 5 seconds, "12s ago" or "1m6s ago" after: a loaded machine may take any.
        let running = try install.cli("status").stdout
        let started = try Regex("daemon: running \\(pid \(daemon.processIdentifier), started (just now|([0-9]+m)?[0-9]+s ago), last cycle not yet\\)")
        #expect(running.contains(started), "\(running)")
        daemon.interrupt()
        try await waitUntil("exit") { !daemon.isRunning }
        let stopped = try install.cli("status").stdout
        #expect(stopped.contains(try Regex("daemon: not running \\(last heartbeat (just now|[0-9]+s ago)\\)")), "\(stopped)")
        #expect(!stopped.contains("heartbeat now") && !running.contains("started now"))
        #expect(try String(contentsOfFile: install.directory.file("out"), encoding: .utf8).contains("watching 1 feed; the next is due in "))
    }

    @Test func anArticleCarriedByTwoFeedsSaysSo() throws {
        let install = Installation()
        let first = install.directory.write("wire.rss", Self.wire)
        let second = install.directory.write("desk.rss", Self.wire.replacingOccurrences(of: "<title>Wire</title>", with: "<title>Desk</title>")
            .replacingOccurrences(of: "<guid>1</guid>", with: "<guid>desk-77</guid>"))
        try install.ok("feed", "add", first)
        try install.ok("feed", "add", second)
        let text = try install.ok("articles")
        #expect(text.contains("Ceasefire talks resume\n"))
        #expect(text.contains("    carried by 2 feeds: Wire, Desk\n"), "\(text)")
        #expect(try install.articles().count == 1)
    }

    @Test func searchFindsWordsAndShowsWhereTheyMatched() throws {
        let install = Installation()
        let feed = install.directory.write("wire.rss", """
            <rss version="2.0"><channel><title>Wire</title>
            <item><guid>1</guid><title>Talks in Zürich</title><description>Envoys met in Zürich on Monday to discuss a ceasefire.</description></item>
            <item><guid>2</guid><title>Story 123</title><description>Unrelated.</description></item>
            </channel></rss>
            """)
        try install.ok("feed", "add", feed)
        let text = try install.ok("articles", "--search", "zurich")
        #expect(text.contains("Talks in Zürich\n"))
        #expect(text.contains("    Envoys met in **Zürich** on Monday to discuss a ceasefire.\n"), "\(text)")
        let json = try install.json("articles", "--search", "\"story 12\"") as? [Any]
        #expect(json?.isEmpty == true, "whole words: Story 12 is not Story 123")
        let found = try install.json("articles", "--search", "stor*") as? [[String: Any]]
        #expect(found?.first?["snippet"] as? String == "**Story** 123")
        let nothing = try install.cli("articles", "--search", "...")
        #expect(nothing.status == 2)
        #expect(nothing.stderr == "feedwatch: --search '...' has no letter or digit to search for\n")
    }

    @Test func theConfiguredUserAgentIsSent() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { _ in HTTPResponse(headers: [("Content-Type", "application/rss+xml")], text: Self.wire) }
        let config = install.directory.write("ua.toml", "[polling]\nuser_agent = \"NewsDesk/2.0 (desk@example.org)\"\n")
        #expect(try Programs.run("feedwatch", ["feed", "add", server.url("/a.xml"), "--config", config] + install.paths).status == 0)
        #expect(try Programs.run("feedwatchd", ["--once", "--all", "--config", config] + install.paths).status == 0)
        #expect(server.requests.count == 2)
        #expect(server.requests.allSatisfy { $0.headers["user-agent"] == "NewsDesk/2.0 (desk@example.org)" })
        try install.ok("feed", "add", server.url("/b.xml"))
        #expect(server.requests.last?.headers["user-agent"]?.hasPrefix("FeedWatch/") == true, "the default without the key")
    }

    /// A news site's home page instead of its feed: the feed it links is added, or, when it
    /// links several, they are listed and nothing is added.
    @Test func aWebPageLeadsToItsFeed() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/": HTTPResponse(headers: [("Content-Type", "text/html")], text: """
                <html><head><title>Wire</title><link rel="alternate" type="application/rss+xml" title="Wire" href="/feed.xml"></head><body>Hi</body></html>
                """)
            case "/section":
                HTTPResponse(headers: [("Content-Type", "text/html; charset=utf-8")], text: """
                    <html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">
                    <link rel="alternate" type="application/atom+xml" title="Section" href="section.atom"></head></html>
                    """)
            case "/feed.xml": HTTPResponse(headers: [("Content-Type", "application/rss+xml")], text: Self.wire)
            default: HTTPResponse(status: 404, text: "no")
            }
        }
        let several = try install.cli("feed", "add", server.url("/section"))
        expectOneLine(several, status: 2, mentioning: "is a web page linking 2 feeds (listed above)", "a page with two feeds")
        #expect(several.stdout.contains(server.url("/feed.xml")))
        #expect(several.stdout.contains(server.url("/section.atom") + "  application/atom+xml  Section"))
        #expect(try install.feeds().isEmpty)

        let added = try install.ok("feed", "add", server.url("/"))
        #expect(added.contains("\(server.url("/")) is a web page; it links the feed \(server.url("/feed.xml"))"))
        #expect(try install.feeds().map { $0["url"] as? String } == [server.url("/feed.xml")])
        let again = try install.cli("feed", "add", server.url("/"))
        expectOneLine(again, status: 2, mentioning: "feed already added: \(server.url("/feed.xml"))", "the linked feed again")
    }

    @Test func vacuumReportsWhatItReclaimed() throws {
        let install = Installation()
        try install.ok("feed", "add", install.directory.write("wire.rss", Self.wire))
        let plain = try install.ok("vacuum")
        #expect(plain.contains("no retention configured (set `retention = \"90d\"` in the config): article texts are kept"))
        #expect(plain.contains("reclaimed "))
        let config = install.directory.write("keep.toml", "retention = \"30d\"\n")
        let result = try Programs.run("feedwatch", ["vacuum", "--json", "--config", config] + install.paths)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect(json?["articles_trimmed"] as? Int == 0, "today's article is kept")
        #expect(json?["retention_seconds"] as? Int == 30 * 86400)
        #expect((json?["bytes_after"] as? Int ?? 0) > 0)
        #expect(try install.articles().first?["text"] as? String == "A ceasefire was proposed.")
    }

    /// A feed behind a key and a password: its own headers and a credentials file, sent with
    /// every fetch, never shown.
    @Test func aFeedCarriesItsOwnHeadersAndCredentials() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { request in
            guard request.headers["authorization"] == "Basic " + Data("ann:s3cr:et".utf8).base64EncodedString(),
                  request.headers["x-api-key"] == "k-123" else { return HTTPResponse(status: 401, text: "who?") }
            return HTTPResponse(headers: [("Content-Type", "application/rss+xml")], text: Self.wire)
        }
        let credentials = install.directory.write("wire.credentials", "ann:s3cr:et\n")
        try install.ok(
            "feed", "add", server.url("/private.xml"), "--header", "X-Api-Key: k-123", "--user-agent", "Desk/3", "--credentials", credentials)
        try install.once()
        #expect(server.requests.count == 2)
        #expect(server.requests.allSatisfy { $0.headers["user-agent"] == "Desk/3" })
        let listed = try install.feeds().first
        #expect(listed?["request_headers"] as? [String] == ["User-Agent", "X-Api-Key"])
        #expect(listed?["credentials_file"] as? String == credentials)
        #expect(try install.ok("feed", "list", "--json").contains("k-123") == false, "values are not shown")

        for (arguments, message) in [
            (["--header", "X-Api-Key k"], "invalid header 'X-Api-Key k': write it as 'Name: value'"),
            (["--header", "Host: evil.example"], "FeedWatch sets Host itself"),
            (["--header", "X-A: b\u{7}c"], "the value must be printable ASCII on one line"),
            (["--credentials", install.directory.write("bad.credentials", "no colon here\n")], "must start with a line USER:PASSWORD"),
            (["--credentials", install.directory.file("missing")], "cannot read the credentials file"),
        ] {
            let result = try Programs.run("feedwatch", ["feed", "add", "--no-fetch", server.url("/other.xml")] + arguments + install.paths)
            expectOneLine(result, status: 2, mentioning: message, arguments.joined(separator: " "))
        }
        #expect(try install.feeds().count == 1)

        // Changed in place: a new key, no more user agent, another credentials file, a proxy and back.
        let other = install.directory.write("other.credentials", "bob:pw\n")
        let edited = try install.json(
            "feed", "edit", "1", "--header", "x-api-key: k-456", "--remove-header", "user-agent", "--credentials", other, "--proxy", "socks5h://127.0.0.1:9")
            as? [String: Any]
        #expect(edited?["request_headers"] as? [String] == ["x-api-key"], "one header per name, whatever its case")
        #expect(edited?["credentials_file"] as? String == other)
        #expect(edited?["proxy"] as? String == "socks5h://127.0.0.1:9")
        let cleared = try install.json("feed", "edit", "1", "--proxy", "none", "--credentials", "none") as? [String: Any]
        #expect(cleared?["proxy"] is NSNull)
        #expect(cleared?["credentials_file"] is NSNull)
        let bad = try install.cli("feed", "edit", "1", "--proxy", "gopher://x")
        expectOneLine(bad, status: 2, mentioning: "invalid proxy 'gopher://x'", "a gopher proxy")
    }

    /// A feed behind its own proxy: the request goes to the proxy, naming the feed's URL.
    @Test func aFeedGoesThroughItsOwnProxy() throws {
        let install = Installation()
        let proxy = try LoopbackHTTPServer { _ in HTTPResponse(headers: [("Content-Type", "application/rss+xml")], text: Self.wire) }
        let feed = "http://feeds.wire.invalid/rss.xml"
        try install.ok("feed", "add", feed, "--proxy", "http://127.0.0.1:\(proxy.port)")
        #expect(proxy.requests.map(\.path) == [feed], "absolute form, as to a proxy")
        try install.once()
        #expect(proxy.requests.count == 2)
        #expect(try install.feeds().first?["proxy"] as? String == "http://127.0.0.1:\(proxy.port)")
        let bad = try install.cli("feed", "add", "--no-fetch", "http://b.example/f", "--proxy", "ftp://proxy.example")
        expectOneLine(bad, status: 2, mentioning: "invalid proxy 'ftp://proxy.example'", "an ftp proxy")
    }

    @Test func anErrorAfterARedirectNamesWhereItEnded() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { request in
            request.path == "/old.xml" ? HTTPResponse(status: 301, headers: [("Location", "/moved.xml")], text: "") : HTTPResponse(status: 404, text: "gone")
        }
        let result = try install.cli("feed", "add", server.url("/old.xml"))
        expectOneLine(
            result, status: 1, mentioning: "HTTP 404 Not Found at \(server.url("/moved.xml")) (redirected from \(server.url("/old.xml")))",
            "a redirect to a missing feed")
    }

    @Test func completionScriptsAreOffered() throws {
        let help = try Programs.run("feedwatch", ["--help"])
        #expect(help.stdout.contains("--generate-completion-script bash"))
        for shell in ["bash", "zsh", "fish"] {
            let script = try Programs.run("feedwatch", ["--generate-completion-script", shell])
            #expect(script.status == 0)
            #expect(script.stdout.contains("feedwatch"))
            #expect(script.stdout.contains("tracker"))
        }
    }
}
