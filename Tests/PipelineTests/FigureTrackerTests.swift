import FeedModel
import FeedStorage
import Foundation
import Pipeline
import Testing
import TestSupport

/// A figure tracker over several polling cycles of real feeds on a loopback server.
@Suite struct FigureTrackerTests {
    /// The documents each feed serves; tests change them between cycles.
    final class Wire: Sendable {
        let items = Locked<[String: [SampleFeeds.Item]]>([:])

        func set(_ path: String, _ items: [SampleFeeds.Item]) { self.items.update { $0[path] = items } }
        func document(_ path: String) -> String { SampleFeeds.rss(items: items.get()[path] ?? []) }
    }

    static func story(_ guid: String, _ title: String, _ body: String, date: String? = nil) -> SampleFeeds.Item {
        var item = SampleFeeds.Item(guid: guid, title: title, link: "https://wire.example/\(guid)", html: "<p>\(body)</p>")
        if let date { item.date = date }
        return item
    }

    @Test func firstSeenChangedUnchangedRepublishedAndRevised() async throws {
        let harness = try PollingHarness()
        let wire = Wire()
        let server = try LoopbackHTTPServer { request in HTTPResponse(text: wire.document(request.path)) }
        try harness.add(server.url("/a"))
        try harness.add(server.url("/b"))
        let cap = try harness.store.addTracker(
            name: "troop-cap", rule: .figure(FigureRule(near: ["troops"], unit: "count")), at: harness.now)
        _ = try harness.store.addTracker(name: "troops", rule: .keyword(KeywordRule(terms: ["troops"])), at: harness.now)

        let first = Self.story("a1", "Peace plan leaked", "The draft would cap Ukraine's army at 600,000 troops, officials said in 2025.")
        wire.set("/a", [first])
        try await harness.pollAll()
        var figures = harness.alertLines().filter { $0.tracker == "troop-cap" }
        #expect(figures.map(\.kind) == [.figureFirstSeen])
        #expect(figures.first?.current?.value == 600_000)
        #expect(figures.first?.current?.text == "600,000 troops")
        #expect(figures.first?.previous == nil)

        // The same value again, and the first story republished word for word by another outlet.
        wire.set("/a", [first, Self.story("a2", "Talks go on", "Envoys again discussed the 600,000 troops ceiling.")])
        wire.set("/b", [SampleFeeds.Item(guid: "b-copy", title: first.title, link: "https://other.example/copy", html: first.html)])
        harness.advance(3600)
        let quiet = try await harness.pollAll()
        #expect(quiet.republished == 1)
        figures = harness.alertLines().filter { $0.tracker == "troop-cap" }
        #expect(figures.count == 1, "an unchanged value and a republished copy raise nothing")

        // A new value.
        let third = Self.story("a3", "Plan revised", "The revised plan would raise the cap to 800,000 troops.")
        wire.set("/a", [first, third])
        harness.advance(3600)
        try await harness.pollAll()
        figures = harness.alertLines().filter { $0.tracker == "troop-cap" }
        #expect(figures.map(\.kind) == [.figureFirstSeen, .figureChanged])
        let changed = try #require(figures.last)
        #expect(changed.previous?.value == 600_000)
        #expect(changed.previous?.articleURL == "https://wire.example/a1")
        #expect(changed.current?.value == 800_000)
        #expect(changed.current?.sentence == "The revised plan would raise the cap to 800,000 troops.")
        #expect(changed.change == Alert.FigureChange(delta: 200_000, ratio: 0.3333))

        // The outlet edits that story: a revision, read again, alerting on the figure that changed in it.
        let revised = Self.story("a3", "Plan revised", "The revised plan would raise the cap to 700,000 troops.")
        wire.set("/a", [first, revised])
        harness.advance(3600)
        let revision = try await harness.pollAll()
        #expect(revision.revisions == 1)
        #expect(revision.newArticles == 0)
        figures = harness.alertLines().filter { $0.tracker == "troop-cap" }
        #expect(figures.map(\.kind) == [.figureFirstSeen, .figureChanged, .figureChanged])
        let edited = try #require(figures.last)
        #expect(edited.previous?.value == 800_000)
        #expect(edited.current?.value == 700_000)
        #expect(edited.revisionOf == changed.article?.id)

        // The keyword tracker fired once per story: not again for the copy nor for the revision.
        let keyword = harness.alertLines().filter { $0.tracker == "troops" }
        #expect(keyword.compactMap(\.article?.url) == [
            "https://wire.example/a1", "https://wire.example/a2", "https://wire.example/a3",
        ])

        // History holds every reading, with the alert each raised.
        let history = try harness.store.figureHistory(trackerID: cap.id)
        #expect(history.map(\.value) == [600_000, 600_000, 800_000, 700_000])
        #expect(history.map(\.raised) == ["figure.first_seen", nil, "figure.changed", "figure.changed"])

        // Re-fetching everything again raises nothing new.
        harness.advance(3600)
        try await harness.pollAll()
        #expect(harness.alertLines().count == figures.count + keyword.count)
        server.stop()
    }

    @Test func anOlderArticleArrivingLateIsHistoryNotAChange() async throws {
        let harness = try PollingHarness()
        let wire = Wire()
        let server = try LoopbackHTTPServer { request in HTTPResponse(text: wire.document(request.path)) }
        try harness.add(server.url("/new"))
        try harness.add(server.url("/old"))
        let toll = try harness.store.addTracker(
            name: "toll", rule: .figure(FigureRule(near: ["killed or wounded"])), at: harness.now)
        wire.set("/new", [Self.story("n1", "Toll", "The toll reached 1.2 million killed or wounded.", date: "Sun, 22 Nov 2026 12:00:00 +0000")])
        try await harness.pollDue()
        wire.set("/old", [Self.story("o1", "Toll", "About 1.1 million killed or wounded, officials said.", date: "Thu, 19 Nov 2026 12:00:00 +0000")])
        try await harness.pollAll()
        #expect(harness.alertLines().map(\.kind) == [.figureFirstSeen])
        // History is in the order of the articles' dates.
        #expect(try harness.store.figureHistory(trackerID: toll.id).map(\.value) == [1_100_000, 1_200_000])
        server.stop()
    }

    @Test func backtestReplaysStoredArticlesWithoutRecordingAnything() async throws {
        let harness = try PollingHarness()
        let wire = Wire()
        let server = try LoopbackHTTPServer { request in HTTPResponse(text: wire.document(request.path)) }
        try harness.add(server.url("/a"))
        // Newest first, as feeds list them: the poller stores them oldest first.
        wire.set("/a", [
            Self.story("s3", "Markets", "Stocks rose 2% on Tuesday.", date: "Sun, 22 Nov 2026 12:00:00 +0000"),
            Self.story("s2", "Territory update", "Russia now holds 20 per cent of Ukraine, analysts said.", date: "Sat, 21 Nov 2026 12:00:00 +0000"),
            Self.story("s1", "Territory", "Russia holds about 19 per cent of Ukraine.", date: "Fri, 20 Nov 2026 12:00:00 +0000"),
        ])
        try await harness.pollAll()
        // Added after the articles arrived: the poller never showed it these articles.
        let tracker = try harness.store.addTracker(
            name: "territory", rule: .figure(FigureRule(near: ["per cent of Ukraine"], unit: "percent")), at: harness.now)
        let alerts = try Backtest(store: harness.store).run(tracker)
        #expect(alerts.map(\.kind) == [.figureFirstSeen, .figureChanged])
        #expect(alerts.map { $0.current?.value } == [19, 20])
        #expect(alerts.last?.previous?.value == 19)
        #expect(try harness.store.figureHistory(trackerID: tracker.id).isEmpty)
        #expect(try harness.store.alerts().isEmpty)
        server.stop()
    }
    @Test func theAlertSaysWhyItsFigureIsTheLevel() async throws {
        let harness = try PollingHarness()
        let wire = Wire()
        let server = try LoopbackHTTPServer { request in HTTPResponse(text: wire.document(request.path)) }
        try harness.add(server.url("/a"))
        let index = try harness.store.addTracker(name: "index", rule: .figure(FigureRule(near: ["index"])), at: harness.now)
        let cap = try harness.store.addTracker(name: "cap", rule: .figure(FigureRule(near: ["cap"])), at: harness.now)
        wire.set("/a", [
            Self.story("i1", "Markets", "The index closed at 4,471 on Monday.", date: "Mon, 16 Nov 2026 17:00:00 +0000"),
            Self.story("c1", "Quota", "The cap stands at 250 this season.", date: "Mon, 16 Nov 2026 18:00:00 +0000"),
        ])
        try await harness.pollAll()
        wire.set("/a", [
            Self.story("i2", "Markets", "The index gained 41 points, or 0.9%, to 4,512.", date: "Tue, 17 Nov 2026 17:00:00 +0000"),
            Self.story("c2", "Quota", "The cap was lowered from 250 to 180 on Tuesday.", date: "Tue, 17 Nov 2026 18:00:00 +0000"),
            Self.story("i3", "Markets", "The index fell 12 points on Wednesday.", date: "Wed, 18 Nov 2026 17:00:00 +0000"),
        ])
        harness.advance(3600)
        try await harness.pollAll()
        let changes = harness.alertLines().filter { $0.kind == .figureChanged }
        #expect(changes.map(\.tracker) == ["index", "cap"], "a move alone (fell 12 points) is no level")
        #expect(changes.map { $0.current?.value } == [4_512, 180])
        #expect(changes.map { $0.current?.role } == ["level after change", "level after change"])
        #expect(changes.map { $0.previous?.role } == ["level", "level"])
        #expect(changes.last?.current?.statedPrevious == 250)
        #expect(try harness.store.figureHistory(trackerID: index.id).map(\.role) == ["level", "level after change"])
        #expect(try harness.store.figureHistory(trackerID: cap.id).map(\.value) == [250, 180])
    }
    @Test func deniedAndForecastValuesAreRecordedButDoNotMoveTheTrackerUnlessAccepted() async throws {
        let harness = try PollingHarness()
        let wire = Wire()
        let server = try LoopbackHTTPServer { request in HTTPResponse(text: wire.document(request.path)) }
        try harness.add(server.url("/a"))
        let toll = try harness.store.addTracker(name: "toll", rule: .figure(FigureRule(near: ["died"])), at: harness.now)
        let inflation = try harness.store.addTracker(name: "inflation", rule: .figure(FigureRule(near: ["inflation"])), at: harness.now)
        let forecasts = try harness.store.addTracker(
            name: "inflation-outlook", rule: .figure(FigureRule(near: ["inflation"], accept: ["forecast"])), at: harness.now)
        wire.set("/a", [
            Self.story("t1", "Floods", "At least 120 people died in the floods, the governor said.", date: "Mon, 16 Nov 2026 09:00:00 +0000"),
            Self.story("p1", "Prices", "Annual inflation stood at 8.4% in October.", date: "Mon, 16 Nov 2026 10:00:00 +0000"),
        ])
        try await harness.pollAll()
        wire.set("/a", [
            Self.story("t2", "Floods", "Officials dismissed claims that 5,000 had died.", date: "Tue, 17 Nov 2026 09:00:00 +0000"),
            Self.story("p2", "Prices", "Economists expect inflation to ease to about 6% by the spring.", date: "Tue, 17 Nov 2026 10:00:00 +0000"),
        ])
        harness.advance(3600)
        try await harness.pollAll()

        let alerts = harness.alertLines()
        #expect(alerts.filter { $0.tracker == "toll" }.map(\.kind) == [.figureFirstSeen], "a denied figure raises nothing")
        #expect(alerts.filter { $0.tracker == "inflation" }.map(\.kind) == [.figureFirstSeen])
        let outlook = alerts.filter { $0.tracker == "inflation-outlook" }
        #expect(outlook.map(\.kind) == [.figureFirstSeen, .figureChanged])
        #expect(outlook.last?.current?.status == "forecast")
        #expect(alerts.first { $0.tracker == "toll" }?.current?.status == "attributed")
        #expect(alerts.first { $0.tracker == "toll" }?.current?.attribution == "the governor")

        let history = try harness.store.figureHistory(trackerID: toll.id)
        #expect(history.map(\.value) == [120, 5_000])
        #expect(history.map(\.status) == ["attributed", "denied"])
        #expect(history.map(\.raised) == ["figure.first_seen", nil])
        #expect(try harness.store.figureHistory(trackerID: inflation.id).map(\.status) == ["reported", "forecast"])
        #expect(try harness.store.figureHistory(trackerID: forecasts.id).map(\.raised) == ["figure.first_seen", "figure.changed"])
    }

    @Test func aRoundedRestatementIsNotAChange() async throws {
        let harness = try PollingHarness()
        let wire = Wire()
        let server = try LoopbackHTTPServer { request in HTTPResponse(text: wire.document(request.path)) }
        try harness.add(server.url("/a"))
        _ = try harness.store.addTracker(name: "evacuated", rule: .figure(FigureRule(near: ["evacuated"])), at: harness.now)
        wire.set("/a", [Self.story("e1", "Dam", "Officials confirmed 1,968 people were evacuated.", date: "Mon, 16 Nov 2026 09:00:00 +0000")])
        try await harness.pollAll()
        wire.set("/a", [
            Self.story("e2", "Dam", "Nearly 2,000 people were evacuated overnight.", date: "Tue, 17 Nov 2026 09:00:00 +0000"),
            Self.story("e3", "Dam", "More than 1,900 were evacuated from the valley.", date: "Tue, 17 Nov 2026 10:00:00 +0000"),
        ])
        harness.advance(3600)
        try await harness.pollAll()
        #expect(harness.alertLines().map(\.kind) == [.figureFirstSeen], "both restate 1,968")
        wire.set("/a", [Self.story("e4", "Dam", "Officials said 2,430 people were evacuated.", date: "Wed, 18 Nov 2026 09:00:00 +0000")])
        harness.advance(3600)
        try await harness.pollAll()
        let changed = harness.alertLines().last
        #expect(changed?.kind == .figureChanged)
        #expect(changed?.previous?.value == 1_968)
        #expect(changed?.current?.value == 2_430)
    }
}
