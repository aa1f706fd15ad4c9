import FeedModel
import FeedStorage
import Foundation
import Pipeline
import Testing
import TestSupport

/// Trackers added after the feeds: what they learn from the articles already stored.
@Suite struct TrackerBaselineTests {
    typealias Wire = FigureTrackerTests.Wire

    static func story(_ guid: String, _ body: String, date: String) -> SampleFeeds.Item {
        FigureTrackerTests.story(guid, "Story \(guid)", body, date: date)
    }

    @Test func aFigureTrackerTakesTheStoredValuesSilentlyThenReportsTheNextChange() async throws {
        let harness = try PollingHarness()
        let wire = Wire()
        let server = try LoopbackHTTPServer { request in HTTPResponse(text: wire.document(request.path)) }
        try harness.add(server.url("/a"))
        wire.set("/a", [
            Self.story("a1", "The draft caps the army at 600,000 troops, officials said.", date: "Mon, 16 Nov 2026 09:00:00 +0000"),
            Self.story("a2", "Envoys discussed weather and grain; nothing about numbers.", date: "Tue, 17 Nov 2026 09:00:00 +0000"),
            Self.story("a3", "A second draft set the ceiling at 650,000 troops.", date: "Wed, 18 Nov 2026 09:00:00 +0000"),
        ])
        try await harness.pollAll()

        let outcome = try TrackerBaseline(store: harness.store).add(
            name: "troop-cap", rule: .figure(FigureRule(near: ["troops"], unit: "count")), at: harness.now)
        #expect(outcome.articlesRead == 3)
        #expect(outcome.matching == 2)
        let current = try #require(outcome.current)
        #expect(current.value == 650_000)
        #expect(current.text == "650,000 troops")
        #expect(current.articleURL == "https://wire.example/a3")
        #expect(harness.alertLines().isEmpty, "a baseline raises nothing")

        let history = try harness.store.figureHistory(trackerID: outcome.tracker.id)
        #expect(history.map(\.value) == [600_000, 650_000])
        #expect(history.map(\.raised) == [FigureObservation.baseline, FigureObservation.baseline])
        #expect(history.map(\.alert) == [nil, nil])

        // The same value again raises nothing; a new one is a change from the baseline.
        wire.set("/a", [
            Self.story("a4", "Officials repeated the 650,000 troops ceiling.", date: "Thu, 19 Nov 2026 09:00:00 +0000"),
            Self.story("a5", "The final text allows 800,000 troops.", date: "Fri, 20 Nov 2026 09:00:00 +0000"),
        ])
        harness.advance(3600)
        try await harness.pollAll()
        let alerts = harness.alertLines()
        #expect(alerts.map(\.kind) == [.figureChanged])
        #expect(alerts.first?.previous?.value == 650_000)
        #expect(alerts.first?.previous?.articleURL == "https://wire.example/a3")
        #expect(alerts.first?.current?.value == 800_000)
        #expect(alerts.first?.change?.delta == 150_000)
    }

    @Test func aBaselineKeepsTheNewestArticlesValueWhateverTheOrderTheyArrivedIn() async throws {
        let harness = try PollingHarness()
        let wire = Wire()
        let server = try LoopbackHTTPServer { request in HTTPResponse(text: wire.document(request.path)) }
        try harness.add(server.url("/a"))
        // The newer story arrives first; the older one, fetched later, is history.
        wire.set("/a", [Self.story("new", "The cap now stands at 700,000 troops.", date: "Fri, 20 Nov 2026 09:00:00 +0000")])
        try await harness.pollAll()
        wire.set("/a", [Self.story("old", "The cap stood at 500,000 troops.", date: "Mon, 02 Nov 2026 09:00:00 +0000")])
        harness.advance(3600)
        try await harness.pollAll()

        let outcome = try TrackerBaseline(store: harness.store).add(
            name: "cap", rule: .figure(FigureRule(near: ["troops"])), at: harness.now)
        #expect(outcome.current?.value == 700_000)
    }

    @Test func aFigureTrackerWithNothingStoredHoldsNoValue() throws {
        let harness = try PollingHarness()
        let outcome = try TrackerBaseline(store: harness.store).add(
            name: "cap", rule: .figure(FigureRule(near: ["troops"])), at: harness.now)
        #expect(outcome.articlesRead == 0)
        #expect(outcome.current == nil)
        #expect(try harness.store.trackers().map(\.name) == ["cap"])
    }

    @Test func aKeywordTrackerCountsStoredMatchesAndBackfillsOnlyWhenAsked() async throws {
        let harness = try PollingHarness()
        let wire = Wire()
        let server = try LoopbackHTTPServer { request in HTTPResponse(text: wire.document(request.path)) }
        try harness.add(server.url("/a"))
        wire.set("/a", [
            Self.story("k1", "A ceasefire was agreed overnight.", date: "Mon, 16 Nov 2026 09:00:00 +0000"),
            Self.story("k2", "Grain exports resumed.", date: "Tue, 17 Nov 2026 09:00:00 +0000"),
        ])
        try await harness.pollAll()
        harness.advance(86_400)
        wire.set("/a", [Self.story("k3", "The ceasefire held for a second day.", date: "Wed, 18 Nov 2026 09:00:00 +0000")])
        try await harness.pollAll()

        let quiet = try TrackerBaseline(store: harness.store).add(
            name: "truce", rule: .keyword(KeywordRule(terms: ["ceasefire"])), at: harness.now)
        #expect(quiet.matching == 2)
        #expect(quiet.raised.isEmpty)
        #expect(try harness.store.alerts().isEmpty)

        // Backfill since an hour ago: only the article first seen in the second cycle.
        let recent = try TrackerBaseline(store: harness.store).add(
            name: "truce-recent", rule: .keyword(KeywordRule(terms: ["ceasefire"])),
            backfill: TrackerBaseline.Backfill(since: harness.now.addingTimeInterval(-3600)), at: harness.now)
        #expect(recent.matching == 2)
        #expect(recent.raised.map { $0.alert.article?.url } == ["https://wire.example/k3"])

        let all = try TrackerBaseline(store: harness.store).add(
            name: "truce-all", rule: .keyword(KeywordRule(terms: ["ceasefire"])), backfill: TrackerBaseline.Backfill(since: nil), at: harness.now)
        #expect(all.raised.map { $0.alert.article?.url } == ["https://wire.example/k1", "https://wire.example/k3"])
        #expect(all.raised.allSatisfy { $0.alert.kind == .keywordMatched && $0.alert.tracker == "truce-all" })
        await harness.delivery.deliver(all.raised)
        #expect(harness.alertLines().count == 2)

        // The daemon reading the same articles again raises nothing more for them.
        harness.advance(3600)
        try await harness.pollAll()
        #expect(try harness.store.alerts(tracker: "truce-all").count == 2)
    }

    @Test func aTakenNameAddsNothing() throws {
        let harness = try PollingHarness()
        _ = try harness.store.addTracker(name: "cap", rule: .keyword(KeywordRule(terms: ["x"])), at: harness.now)
        #expect(throws: StorageError.trackerExists("cap")) {
            try TrackerBaseline(store: harness.store).add(name: "cap", rule: .figure(FigureRule(near: ["troops"])), at: harness.now)
        }
    }
}
