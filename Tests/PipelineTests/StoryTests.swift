import FeedModel
import FeedStorage
import Foundation
import Pipeline
import Testing
import TestSupport

/// One story however many outlets reword it: copies are grouped, and keyword trackers fire once.
@Suite struct StoryTests {
    typealias Wire = FigureTrackerTests.Wire

    static let report = """
        Floods in the north of the country have forced nearly 2,000 people from their homes after days of heavy rain, \
        the regional governor said on Thursday. Rivers burst their banks in five districts, cutting roads and washing \
        away bridges. Soldiers and volunteers used boats to reach villages cut off by the water, and helicopters dropped \
        food and drinking water. The governor said 1,968 people had been evacuated so far and that schools in the worst \
        hit areas would stay closed until next week.
        """
    /// The same wire story as another outlet runs it: its own headline, a dateline, a word changed, the last sentence cut.
    static let copy = """
        KYIV (Wire Service) - Floods in the north of the country have forced almost 2,000 people from their homes after \
        days of heavy rain, the regional governor told reporters on Thursday. Rivers burst their banks in five districts, \
        cutting roads and washing away bridges. Soldiers and volunteers used boats to reach villages cut off by the water, \
        and helicopters dropped food and drinking water.
        """
    static let other = """
        Water levels in the rivers of the north began to fall on Saturday, allowing some of the 2,430 people evacuated \
        during this week's floods to return home, the regional governor said. Damage to roads, bridges and farmland is \
        estimated at 120 million euros. The government promised emergency payments to households whose homes were \
        flooded and said it would review flood defences along the worst affected rivers.
        """

    @Test func rewordedCopiesAreOneStoryAndAKeywordTrackerFiresOnce() async throws {
        let harness = try PollingHarness()
        let wire = Wire()
        let server = try LoopbackHTTPServer { request in HTTPResponse(text: wire.document(request.path)) }
        try harness.add(server.url("/a"))
        try harness.add(server.url("/b"))
        _ = try harness.store.addTracker(name: "floods", rule: .keyword(KeywordRule(terms: ["floods"])), at: harness.now)
        wire.set("/a", [FigureTrackerTests.story("a1", "Floods force 2,000 from homes", Self.report)])
        try await harness.pollAll()
        wire.set("/b", [FigureTrackerTests.story("b1", "Thousands flee northern floods", Self.copy)])
        harness.advance(3600)
        try await harness.pollAll()
        #expect(harness.alertLines().filter { $0.tracker == "floods" }.count == 1, "the copy is the same story")

        wire.set("/b", [
            FigureTrackerTests.story("b1", "Thousands flee northern floods", Self.copy),
            FigureTrackerTests.story("b2", "Flood waters recede", Self.other),
        ])
        harness.advance(3600)
        try await harness.pollAll()
        let alerts = harness.alertLines().filter { $0.tracker == "floods" }
        #expect(alerts.count == 2, "a new story about the floods is news")

        let articles = try harness.store.articles(limit: 10)
        let stories = Dictionary(grouping: articles, by: { $0.story ?? 0 }).mapValues(\.count)
        #expect(stories.values.sorted() == [1, 2])
    }
    @Test func aFigureAlertNamesItsOutletsAndMinSourcesWaitsForCorroboration() async throws {
        let harness = try PollingHarness()
        let wire = Wire()
        let server = try LoopbackHTTPServer { request in HTTPResponse(text: wire.document(request.path)) }
        let a = try harness.store.addFeed(FeedRecord(url: server.url("/a"), title: "Kyiv Wire", addedAt: harness.now))
        _ = try harness.store.addFeed(FeedRecord(url: server.url("/b"), title: "Euro Desk", addedAt: harness.now))
        _ = try harness.store.addFeed(FeedRecord(url: server.url("/c"), title: "Night Agency", addedAt: harness.now))
        #expect(a.id != nil)
        _ = try harness.store.addTracker(name: "cap", rule: .figure(FigureRule(near: ["troops"])), at: harness.now)
        _ = try harness.store.addTracker(name: "cap-2", rule: .figure(FigureRule(near: ["troops"], minSources: 2)), at: harness.now)

        wire.set("/a", [FigureTrackerTests.story("a1", "Cap", "The cap is 600,000 troops.", date: "Mon, 16 Nov 2026 09:00:00 +0000")])
        wire.set("/b", [FigureTrackerTests.story("b1", "Cap", "Envoys set the cap at 600,000 troops.", date: "Mon, 16 Nov 2026 10:00:00 +0000")])
        try await harness.pollAll()
        var alerts = harness.alertLines()
        #expect(alerts.filter { $0.tracker == "cap" }.map { $0.sources?.count } == [1])
        #expect(alerts.filter { $0.tracker == "cap-2" }.map { $0.sources } == [Alert.Sources(count: 2, independent: 2, outlets: ["Kyiv Wire", "Euro Desk"])])

        // One outlet says 800,000: news for "cap", not yet for "cap-2".
        wire.set("/a", [FigureTrackerTests.story("a2", "Cap", "The new cap is 800,000 troops.", date: "Tue, 17 Nov 2026 09:00:00 +0000")])
        harness.advance(3600)
        try await harness.pollAll()
        alerts = harness.alertLines()
        #expect(alerts.filter { $0.tracker == "cap" }.map(\.kind) == [.figureFirstSeen, .figureChanged])
        #expect(alerts.filter { $0.tracker == "cap-2" }.map(\.kind) == [.figureFirstSeen])

        // A second outlet agrees: corroborated.
        wire.set("/c", [FigureTrackerTests.story("c1", "Cap", "Officials confirmed a cap of 800,000 troops.", date: "Tue, 17 Nov 2026 11:00:00 +0000")])
        harness.advance(3600)
        try await harness.pollAll()
        alerts = harness.alertLines()
        let corroborated = alerts.filter { $0.tracker == "cap-2" }
        #expect(corroborated.map(\.kind) == [.figureFirstSeen, .figureChanged])
        #expect(corroborated.last?.previous?.value == 600_000)
        #expect(corroborated.last?.current?.value == 800_000)
        #expect(corroborated.last?.sources == Alert.Sources(count: 2, independent: 2, outlets: ["Kyiv Wire", "Night Agency"]))
        #expect(alerts.filter { $0.tracker == "cap" }.count == 2, "800,000 again is no change for cap")
    }
}
