import Foundation
import Testing
import TestSupport

/// Figure trackers through the built programs: defining them, the daemon raising their alerts,
/// history as a table, JSON and CSV, backtests, and `figures extract`.
@Suite struct FiguresEndToEndTests {
    static func story(_ guid: String, _ title: String, _ body: String, _ date: String) -> SampleFeeds.Item {
        var item = SampleFeeds.Item(guid: guid, title: title, link: "https://wire.example/\(guid)", html: "<p>\(body)</p>")
        item.date = date
        return item
    }

    @Test func figureTrackerFromDefinitionToHistory() throws {
        let install = Installation()
        let documents = Locked([Self.story("t1", "Draft plan", "The draft would cap Ukraine's army at 600,000 troops.", "Wed, 18 Nov 2026 09:30:00 +0200")])
        let server = try LoopbackHTTPServer { _ in HTTPResponse(text: SampleFeeds.rss(items: documents.get())) }

        let added = try install.json("track", "figure", "troop-cap", "--near", "troops", "army cap", "--unit", "count", "--min-change", "5")
        let tracker = try #require(added as? [String: Any])
        #expect(tracker["kind"] as? String == "figure")
        #expect(tracker["near"] as? [String] == ["troops", "army cap"])
        #expect(tracker["min_change"] as? Double == 5)
        try install.ok("feed", "add", "--no-fetch", server.url("/wire.xml"))
        try install.once()

        documents.update {
            $0.insert(Self.story("t2", "Plan revised", "The revised plan lets Ukraine keep 800,000 troops.", "Sat, 21 Nov 2026 10:15:00 +0200"), at: 0)
            $0.insert(Self.story("t3", "Small change", "Officials now say 810,000 troops.", "Sun, 22 Nov 2026 10:15:00 +0200"), at: 0)
        }
        try install.once()

        let alerts = install.alertLines()
        #expect(alerts.map { $0["kind"] as? String } == ["figure.first_seen", "figure.changed"], "810,000 is under 5% from 800,000")
        let changed = try #require(alerts.last)
        #expect((changed["previous"] as? [String: Any])?["value"] as? Double == 600_000)
        #expect((changed["previous"] as? [String: Any])?["article_url"] as? String == "https://wire.example/t1")
        #expect((changed["current"] as? [String: Any])?["text"] as? String == "800,000 troops")
        #expect((changed["change"] as? [String: Any])?["delta"] as? Double == 200_000)

        let history = try #require(try install.json("figures", "history", "troop-cap") as? [[String: Any]])
        #expect(history.map { $0["value"] as? Double } == [600_000, 800_000, 810_000])
        #expect(history.map { $0["alert"] as? String } == ["figure.first_seen", "figure.changed", nil])
        #expect(history.map { $0["role"] as? String } == ["level", "level", "level"])
        #expect((changed["current"] as? [String: Any])?["role"] as? String == "level")
        let csv = try install.ok("figures", "history", "troop-cap", "--csv").split(separator: "\n")
        #expect(csv.first == "published,seen,value,unit,text,alert,feed,article_url,sentence,baseline,role,status,attribution")
        #expect(csv.count == 4)
        #expect(csv[1].contains(#",600000,count,"600,000 troops",figure.first_seen,"#), "CSV quotes fields with commas")
        let table = try install.ok("figures", "history", "troop-cap")
        #expect(table.contains("▁█"), "\(table)")

        // A backtest raises nothing new and says so.
        let replay = try #require(try install.json("tracker", "test", "troop-cap") as? [[String: Any]])
        #expect(replay.map { $0["kind"] as? String } == ["figure.first_seen", "figure.changed"])
        #expect(install.alertLines().count == 2)
        server.stop()
    }

    @Test func badFigureTrackersAreRefusedWithOneLine() throws {
        let install = Installation()
        for (arguments, message) in [
            (["track", "figure", "x"], "--near"),
            (["track", "figure", "x", "--near", "troops", "--unit", "parsecs"], "unknown unit 'parsecs'"),
            (["track", "figure", "x", "--near", "troops", "--window", "0"], "--window"),
            (["track", "figure", "x", "--near", "troops", "--direction", "sideways"], "sideways"),
            (["figures", "history", "nobody"], "nobody"),
            (["track", "figure", "x", "--near", "troops", "--accept", "forecast,rumoured"], "unknown status 'rumoured'"),
        ] {
            let result = try Programs.run("feedwatch", arguments + install.paths)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        try install.ok("track", "keyword", "truce", "ceasefire")
        let outlook = try #require(try install.json("track", "figure", "outlook", "--near", "inflation", "--accept", "Forecast, proposed") as? [String: Any])
        #expect(outlook["accept"] as? [String] == ["forecast", "proposed"])
        let wrongKind = try install.cli("figures", "history", "truce")
        #expect(wrongKind.status == 2)
        #expect(wrongKind.stderr.contains("not a figure tracker"))
    }

    @Test func extractPrintsTheSpecShape() throws {
        let directory = TemporaryDirectory()
        let file = directory.write("story.txt", "Talks resumed on December 2 at 08:19 PM, in 2025.\n\nMore than 1.2 million were killed or wounded, and $40bn was pledged.")
        let result = try Programs.run("feedwatch", ["figures", "extract", file, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(figures.count == 2)
        #expect(figures[0]["value"] as? Double == 1_200_000)
        #expect(figures[0]["unit"] as? String == "count")
        #expect(figures[0]["text"] as? String == "1.2 million")
        #expect(figures[0]["qualifier"] as? String == "more than")
        #expect(figures[1]["unit"] as? String == "USD")
        #expect(figures[1]["qualifier"] is NSNull, "qualifier is always present")
        #expect(figures[0]["role"] as? String == "level")
        #expect(figures[0]["noun"] is NSNull, "noun is always present")
        let text = Array(try String(contentsOfFile: file, encoding: .utf8).unicodeScalars)
        let start = try #require(figures[0]["start"] as? Int)
        let end = try #require(figures[0]["end"] as? Int)
        #expect(String(String.UnicodeScalarView(text[start..<end])) == "1.2 million")

        let missing = try Programs.run("feedwatch", ["figures", "extract", directory.file("nope.txt")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read file"))
    }
}
