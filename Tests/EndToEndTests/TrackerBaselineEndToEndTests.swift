import Foundation
import Testing
import TestSupport

/// Trackers added after the feeds, in the natural order a user sets FeedWatch up.
@Suite struct TrackerBaselineEndToEndTests {
    @Test func aFigureTrackerAddedLaterPrintsItsValueAndItsSource() throws {
        let install = Installation()
        let documents = Locked([
            FiguresEndToEndTests.story("t1", "Draft plan", "The draft would cap Ukraine's army at 600,000 troops.", "Wed, 18 Nov 2026 09:30:00 +0200")
        ])
        let server = try LoopbackHTTPServer { _ in HTTPResponse(text: SampleFeeds.rss(items: documents.get())) }
        try install.ok("feed", "add", server.url("/wire.xml"), "--title", "Kyiv Wire")

        let text = try install.ok("track", "figure", "troop-cap", "--near", "troops")
        #expect(text.contains("current value: 600,000 troops (Kyiv Wire, 2026-11-18) <https://wire.example/t1>"), "\(text)")
        let json = try #require(try install.json("track", "figure", "troop-cap-2", "--near", "troops") as? [String: Any])
        let baseline = try #require(json["baseline"] as? [String: Any])
        #expect(baseline["articles_read"] as? Int == 1)
        #expect((baseline["current"] as? [String: Any])?["value"] as? Double == 600_000)
        #expect((baseline["current"] as? [String: Any])?["feed"] as? String == "Kyiv Wire")
        #expect(install.alertLines().isEmpty)

        documents.update {
            $0.insert(FiguresEndToEndTests.story("t2", "Plan revised", "The revised plan lets Ukraine keep 800,000 troops.", "Sat, 21 Nov 2026 10:15:00 +0200"), at: 0)
        }
        try install.once()
        let alerts = install.alertLines().filter { $0["tracker"] as? String == "troop-cap" }
        #expect(alerts.map { $0["kind"] as? String } == ["figure.changed"])
        #expect((alerts.first?["previous"] as? [String: Any])?["value"] as? Double == 600_000)

        let history = try #require(try install.json("figures", "history", "troop-cap") as? [[String: Any]])
        #expect(history.map { $0["baseline"] as? Bool } == [true, false])
        #expect(history.map { $0["alert"] as? String } == [nil, "figure.changed"])

        let empty = try install.ok("track", "figure", "ships", "--near", "warships")
        #expect(empty.contains("no value in the 2 stored article(s) yet"), "\(empty)")
        server.stop()
    }

    @Test func aKeywordTrackerCountsAndBackfillsOnRequest() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { _ in
            HTTPResponse(text: SampleFeeds.rss(items: [
                FiguresEndToEndTests.story("c1", "Truce", "A ceasefire was agreed.", "Wed, 18 Nov 2026 09:30:00 +0200"),
                FiguresEndToEndTests.story("c2", "Truce holds", "The ceasefire held.", "Thu, 19 Nov 2026 09:30:00 +0200"),
                FiguresEndToEndTests.story("c3", "Grain", "Exports resumed.", "Thu, 19 Nov 2026 10:30:00 +0200"),
            ]))
        }
        try install.ok("feed", "add", server.url("/wire.xml"))

        let counted = try install.ok("track", "keyword", "truce", "ceasefire")
        #expect(counted.contains("2 of the 3 stored article(s) already match"), "\(counted)")
        #expect(install.alertLines().isEmpty)

        let backfilled = try install.ok("track", "keyword", "truce-all", "ceasefire", "--backfill")
        #expect(backfilled.contains("raised 2 alert(s)"), "\(backfilled)")
        #expect(install.alertLines().map { $0["tracker"] as? String } == ["truce-all", "truce-all"])

        let json = try #require(try install.json("track", "keyword", "truce-recent", "ceasefire", "--backfill", "1h") as? [String: Any])
        #expect((json["baseline"] as? [String: Any])?["raised"] as? Int == 2, "every article was first seen within the hour")

        let bad = try install.cli("track", "keyword", "truce-bad", "ceasefire", "--backfill", "someday")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--backfill 'someday'"), "\(bad.stderr)")
        #expect(try install.json("tracker", "list") as? [[String: Any]] != nil)
        #expect((try install.json("tracker", "list") as? [[String: Any]])?.count == 3, "a refused tracker is not added")
        server.stop()
    }
}
