import Foundation
import Testing
import TestSupport

/// A FeedWatch moved from SQLite to PostgreSQL reads the same afterwards, and `alerts --follow`
/// on PostgreSQL shows what another process raises as it commits.
@Suite struct PostgresEndToEndTests {
    static func story(_ id: String, _ title: String, _ text: String, _ date: String) -> SampleFeeds.Item {
        var item = SampleFeeds.Item(guid: id, title: title, link: "https://wire.example/\(id)", html: "<p>\(text)</p>")
        item.date = date
        return item
    }

    static let stories = [
        story("t2", "Plan revised", "The revised plan lets Ukraine keep 800,000 troops.", "Sat, 21 Nov 2026 10:15:00 +0200"),
        story("t1", "Draft plan", "The draft would cap Ukraine's army at 600,000 troops.", "Wed, 18 Nov 2026 09:30:00 +0200"),
        story("c1", "Ceasefire talks", "Envoys discussed a ceasefire in Geneva.", "Tue, 17 Nov 2026 08:00:00 +0200"),
    ]

    /// Everything a user reads, as JSON, from a database named by `paths`.
    func view(_ paths: [String]) throws -> [String: String] {
        var view: [String: String] = [:]
        for (name, arguments) in [
            ("feeds", ["feed", "list"]), ("articles", ["articles", "--limit", "100"]), ("alerts", ["alerts"]),
            ("trackers", ["tracker", "list"]), ("history", ["figures", "history", "troop-cap"]),
            ("search", ["articles", "--search", "ceasefire"]),
        ] {
            let result = try Programs.run("feedwatch", arguments + ["--json"] + paths)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            view[name] = result.stdout
        }
        return view
    }

    @Test func aMigratedDatabaseReadsTheSame() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { _ in HTTPResponse(text: SampleFeeds.rss(items: Self.stories)) }
        try install.ok("track", "figure", "troop-cap", "--near", "troops", "--unit", "count")
        try install.ok("track", "keyword", "ceasefire", "ceasefire")
        try install.ok("feed", "add", "--no-fetch", server.url("/wire.xml"), "--tag", "war")
        try install.once()
        let before = try view(install.paths)
        #expect(before["alerts"]?.contains("figure.changed") == true)

        let database = try PostgresTestServer.createDatabase()
        let migrated = try install.cli("migrate", "--to", database, "--json")
        #expect(migrated.status == 0, "\(migrated.stderr)")
        let tables = try #require(try JSONSerialization.jsonObject(with: Data(migrated.stdout.utf8)) as? [[String: Any]])
        #expect(tables.count == 9)
        #expect(tables.allSatisfy { ($0["source"] as? Int) == ($0["copied"] as? Int) })
        #expect(tables.first { $0["table"] as? String == "articles" }?["copied"] as? Int == 3)

        let postgres = ["--database", database, "--alert-log", install.alertLog]
        #expect(try view(postgres) == before, "the same feeds, articles, alerts, trackers, figure history and search")

        // New feeds, trackers and alerts after the move take ids after the copied ones.
        let added = try Programs.run("feedwatch", ["feed", "add", "--no-fetch", server.url("/other.xml"), "--json"] + postgres)
        #expect(added.status == 0, "\(added.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any])?["id"] as? Int == 2)

        let again = try install.cli("migrate", "--to", database)
        #expect(again.status != 0)
        #expect(again.stderr.contains("already holds 2 feeds, 3 articles, 2 trackers and 3 alerts"), "\(again.stderr)")
        let wrongWay = try Programs.run("feedwatch", ["migrate", "--to", database] + postgres)
        #expect(wrongWay.status != 0)
        #expect(wrongWay.stderr.contains("already PostgreSQL"))
        let badURL = try install.cli("migrate", "--to", "postgresql://h:99999/d")
        #expect(badURL.stderr.contains("--to: 'database': the PostgreSQL port 99999 is not a number from 1 to 65535"), "\(badURL.stderr)")
    }

    @Test func followShowsWhatAnotherProcessRaisesAsItCommits() async throws {
        let directory = TemporaryDirectory()
        let database = try PostgresTestServer.createDatabase()
        let paths = ["--database", database, "--alert-log", directory.file("alerts.jsonl")]
        let server = try LoopbackHTTPServer { _ in HTTPResponse(text: SampleFeeds.rss(items: Self.stories)) }
        #expect(try Programs.run("feedwatch", ["track", "keyword", "ceasefire", "ceasefire"] + paths).status == 0)
        let output = directory.file("follow.out")
        let follow = try Programs.start("feedwatch", ["alerts", "--follow", "--json"] + paths, output: output)
        defer { if follow.isRunning { follow.terminate() } }
        try await Task.sleep(for: .seconds(1))
        let started = ContinuousClock.now
        let added = try Programs.run("feedwatch", ["feed", "add", server.url("/wire.xml")] + paths)
        #expect(added.status == 0, "\(added.stderr)")
        try await waitUntil("the alert followed", log: output) {
            ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").contains("\"keyword.matched\"")
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        try await Task.sleep(for: .seconds(1.5))
        let lines = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n")
        #expect(lines.filter { $0.contains("\"keyword.matched\"") }.count == 1, "shown once, though read again: \(lines)")
    }
}
