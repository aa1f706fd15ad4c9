import Foundation
import Testing
import TestSupport

/// Reworded copies of one story through the built programs: one keyword alert, one story with
/// its outlets in `articles`, and corroboration with `--min-sources`.
@Suite struct StoriesEndToEndTests {
    static let report = """
        Rescue teams searched collapsed houses in three villages near the epicentre on Tuesday after a strong earthquake \
        struck off the southern coast, the emergency ministry said. Power and water supplies were cut across the region, \
        and 1,200 people spent the night in tents and schools. Aftershocks continued through the morning, and officials \
        urged residents to stay out of damaged buildings until engineers had inspected them.
        """
    static let copy = "By Anna Petrenko, Coast Wire. " + report.replacingOccurrences(of: "urged", with: "told")

    @Test func copiesAreOneStoryWithTheirOutlets() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { request in
            let item = request.path.hasSuffix("a.xml")
                ? FiguresEndToEndTests.story("q1", "Quake kills dozens", Self.report, "Tue, 17 Nov 2026 09:00:00 +0000")
                : FiguresEndToEndTests.story("q9", "Strong quake hits coast", Self.copy, "Tue, 17 Nov 2026 09:30:00 +0000")
            return HTTPResponse(text: SampleFeeds.rss(items: [item]))
        }
        try install.ok("track", "keyword", "quake", "earthquake")
        try install.ok("track", "figure", "shelter", "--near", "tents", "--min-sources", "2")
        try install.ok("feed", "add", server.url("/a.xml"), "--title", "Coast Wire")
        #expect(install.alertLines().map { $0["tracker"] as? String } == ["quake"], "one outlet: no corroboration yet")
        try install.ok("feed", "add", server.url("/b.xml"), "--title", "Bay News")

        let alerts = install.alertLines()
        #expect(alerts.filter { $0["tracker"] as? String == "quake" }.count == 1, "the copy is the same story")
        let shelter = try #require(alerts.first { $0["tracker"] as? String == "shelter" })
        #expect(shelter["kind"] as? String == "figure.first_seen")
        #expect((shelter["sources"] as? [String: Any])?["count"] as? Int == 2)
        #expect((shelter["sources"] as? [String: Any])?["outlets"] as? [String] == ["Coast Wire", "Bay News"])
        #expect((shelter["sources"] as? [String: Any])?["independent"] as? Int == 1, "two outlets, one wire story")

        let articles = try install.articles()
        let story = try #require(articles.first?["story"] as? [String: Any])
        #expect((story["copies"] as? [[String: Any]])?.compactMap { $0["feed"] as? String } == ["Coast Wire", "Bay News"])
        let text = try install.ok("articles")
        #expect(text.contains("one story in 2 outlets: Coast Wire, Bay News"), "\(text)")

        let bad = try install.cli("track", "figure", "x", "--near", "tents", "--min-sources", "0")
        #expect(bad.status == 2)
        server.stop()
    }
}
