import Foundation
import Testing
import TestSupport

/// What a person (or a script) types or imports: absurd numbers, control characters, truncated
/// and binary files. Each is refused with one line that names the problem, exit 2, nothing
/// changed, and no raw input byte on the terminal.
@Suite struct InputHygieneEndToEndTests {
    /// Exit 2, one line on standard error, no control character in it.
    func expectRefused(_ result: Programs.Result, mentioning text: String, _ what: String) {
        #expect(result.status == 2, "\(what): exit \(result.status), \(result.stderr)")
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
        #expect(lines.count == 1, "\(what): one line: \(result.stderr)")
        #expect(result.stderr.contains(text), "\(what): \(result.stderr)")
        let controls = result.stderr.unicodeScalars.filter { $0.value < 0x20 && $0 != "\n" || $0.value == 0x7F }
        #expect(controls.isEmpty, "\(what): raw control characters on the terminal")
    }

    /// The store's UNIQUE URL refuses a second add; `feed add` asks it before fetching anything.
    @Test func aFeedAlreadyWatchedIsRefusedBeforeAnyFetch() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { _ in
            HTTPResponse(headers: [("Content-Type", "application/rss+xml")], text: """
                <rss version="2.0"><channel><title>Wire</title><item><guid>1</guid><title>One</title></item></channel></rss>
                """)
        }
        let url = server.url("/wire.xml")
        try install.ok("feed", "add", url)
        #expect(server.requests(path: "/wire.xml").count == 1)

        for arguments in [["feed", "add", url], ["feed", "add", "--no-fetch", url]] {
            let again = try Programs.run("feedwatch", arguments + install.paths)
            expectRefused(again, mentioning: "feed already added: \(url)", arguments.joined(separator: " "))
            #expect(again.stderr == "feedwatch: feed already added: \(url)\n")
        }
        #expect(server.requests(path: "/wire.xml").count == 1, "the duplicate was not fetched")
        #expect(try install.feeds().count == 1)
    }

    @Test func absurdDurationsAreRefused() throws {
        let install = Installation()
        expectRefused(
            try install.cli("feed", "add", "--no-fetch", "--interval", "9999999999999999h", "http://a.example/f"),
            mentioning: "invalid --interval", "a 16-digit interval")
        expectRefused(
            try install.cli("feed", "add", "--no-fetch", "--interval", "999999999999s", "http://a.example/f"),
            mentioning: "to \"30d\"", "an interval past 30 days")
        expectRefused(
            try install.cli("feed", "add", "--no-fetch", "--interval", "١٠m", "http://a.example/f"),
            mentioning: "invalid --interval", "Arabic-Indic digits")
        let since = try install.cli("alerts", "--since", "9999999999999999h")
        #expect(since.status == 2, "\(since.stderr)")
        #expect(since.stderr.contains("--since"))
        #expect(try install.feeds().isEmpty, "nothing was added")

        for (key, value) in [("interval", "9999999999999999h"), ("timeout", "9223372036854775807s"), ("max_backoff", "99999d")] {
            let config = install.directory.write("bad-\(key).toml", "[polling]\n\(key) = \"\(value)\"\n")
            let result = try Programs.run("feedwatchd", ["--once", "--config", config] + install.paths)
            expectRefused(result, mentioning: "'polling.\(key)' must be a duration", "config \(key) = \(value)")
        }
    }

    @Test func urlsWithControlCharactersOrSpacesAreRefusedAndInternationalHostsWork() throws {
        let install = Installation()
        expectRefused(
            try install.cli("feed", "add", "--no-fetch", "http://a.example/feed\u{1B}[2Jx"),
            mentioning: "URL contains a control character: 'http://a.example/feed\\x1B[2Jx'", "an escape sequence")
        expectRefused(
            try install.cli("feed", "add", "--no-fetch", "http://a.example/a\nb"), mentioning: "\\n", "a line break")
        expectRefused(try install.cli("feed", "add", "--no-fetch", "http://a.example/a b"), mentioning: "space", "a space")
        expectRefused(try install.cli("feed", "add", "--no-fetch", "/no/such/file.xml"), mentioning: "no such file", "a missing file")
        #expect(try install.feeds().isEmpty)

        let added = try install.ok("feed", "add", "--no-fetch", "https://пример.рф/rss")
        #expect(added.contains("https://xn--e1afmkfd.xn--p1ai/rss"))
    }

    @Test func importsThatAreNotCompleteListsImportNothing() throws {
        let install = Installation()
        let cases: [(String, [UInt8], String)] = [
            ("empty.opml", [], "is empty"),
            ("blank.txt", Array("  \n\n".utf8), "is empty"),
            ("truncated.opml", Array("<?xml version=\"1.0\"?>\n<opml version=\"2.0\"><body>\n<outline xmlUrl=\"http://a.example/1\"/>\n<outline xmlUr".utf8), "nothing imported"),
            ("no-feeds.opml", Array("<?xml version=\"1.0\"?><opml version=\"2.0\"><head/><body/></opml>".utf8), "lists no feed"),
            ("html.opml", Array("<?xml version=\"1.0\"?><html><body>hi</body></html>".utf8), "nothing imported"),
            ("newline.opml", Array("<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline xmlUrl=\"http://a.example/1\"/><outline xmlUrl=\"http://a.example/&#10;x\"/></body></opml>".utf8), "control character"),
            ("garbage.bin", [0x00, 0x1B, 0x5B, 0x32, 0x4A, 0xFF, 0xFE, 0x07, 0x41], "binary data"),
            ("urls.txt", Array("http://a.example/1\nhttp://a.example/2 3\n".utf8), ":2: URL contains a space"),
        ]
        for (name, bytes, message) in cases {
            let path = install.directory.file(name)
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            expectRefused(try install.cli("feed", "import", path), mentioning: message, name)
        }
        #expect(try install.feeds().isEmpty, "no import added anything")
    }
}
