import AlertHooks
import Configuration
import FeedModel
import FeedStorage
import Foundation
import Logging
import Testing
import TestSupport

@Suite struct OutboxWorkerTests {
    let harness = OutboxHarness()

    func webhook(_ name: String, _ url: String, timeout: Duration = .seconds(5)) -> SinkSettings {
        SinkSettings(name: name, target: .webhook(WebhookTarget(url: url, secret: "k")), timeout: timeout)
    }

    @Test func aFailingWebhookGetsTheAlertOnceWhenItRecoversAndARestartSendsNothingAgain() async throws {
        let answered = Locked(0)
        let server = try LoopbackHTTPServer { _ in
            answered.update { $0 += 1 }
            return answered.get() <= 2 ? HTTPResponse(status: 503, text: "starting up") : HTTPResponse(status: 204)
        }
        let store = try harness.openStore()
        let worker = harness.worker([webhook("chat", server.url("/hook"))], store: store)
        let alert = try harness.raise(["a1"], for: ["chat"], in: store)[0]

        #expect(await worker.deliverDue() == OutboxPass(delivered: 0, failed: 1))
        var entry = try harness.pending("chat", in: store)[0]
        #expect(entry.attempts == 1)
        #expect(entry.lastError == "HTTP 503: starting up")
        #expect(entry.nextAttemptAt == harness.now.addingTimeInterval(10))

        harness.advance(9)
        #expect(await worker.deliverDue() == OutboxPass(), "not due before its backoff")
        #expect(server.requests.count == 1)

        harness.advance(1)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 0, failed: 1))
        entry = try harness.pending("chat", in: store)[0]
        #expect(entry.attempts == 2)
        #expect(entry.nextAttemptAt == harness.now.addingTimeInterval(20), "the wait doubles")

        harness.advance(20)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 1, failed: 0))
        #expect(try harness.pending("chat", in: store).isEmpty)
        #expect(server.requests.count == 3)
        #expect(server.requests.allSatisfy { $0.body == Array(AlertJSON.line(alert).utf8) })
        #expect(server.requests.allSatisfy { $0.headers["x-feedwatch-alert-id"] == "a1" })
        let summary = try #require(try store.outboxSummary().first)
        #expect(summary.pending == 0)
        #expect(summary.lastDeliveredAt == harness.now)

        harness.advance(3600)
        #expect(await worker.deliverDue() == OutboxPass())
        store.close()

        // A restart: a new store and worker on the same database deliver nothing again.
        let reopened = try harness.openStore()
        let restarted = harness.worker([webhook("chat", server.url("/hook"))], store: reopened)
        #expect(await restarted.deliverDue() == OutboxPass())
        #expect(server.requests.count == 3)
    }

    @Test func aFailingProgramGetsTheAlertOnceWhenItRecovers() async throws {
        let script = RecordingScript(in: harness.directory, failures: 2)
        let store = try harness.openStore()
        let sinks = [SinkSettings(name: "pager", target: .exec(command: [script.path]))]
        let worker = harness.worker(sinks, store: store)
        let alert = try harness.raise(["a1"], for: ["pager"], in: store)[0]
        for wait in [0.0, 10, 20] {
            harness.advance(wait)
            await worker.deliverDue()
        }
        #expect(script.runs == 3)
        #expect(try harness.pending("pager", in: store).isEmpty)
        let line = AlertJSON.line(alert)
        #expect(script.file("stdin") == String(repeating: line + "\n", count: 3), "the same line on every attempt")

        let restarted = harness.worker(sinks, store: try harness.openStore())
        harness.advance(3600)
        #expect(await restarted.deliverDue() == OutboxPass())
        #expect(script.runs == 3)
    }

    @Test func aSinkGetsItsAlertsInOrderAndAFailureHoldsTheLaterOnesBack() async throws {
        let script = RecordingScript(in: harness.directory, failures: 1)
        let store = try harness.openStore()
        let worker = harness.worker([SinkSettings(name: "pager", target: .exec(command: [script.path]))], store: store)
        let alerts = try harness.raise(["a1", "a2", "a3"], for: ["pager"], in: store)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 0, failed: 1))
        #expect(script.runs == 1, "a2 and a3 wait behind a1")
        harness.advance(10)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 3, failed: 0))
        let lines = alerts.map(AlertJSON.line)
        #expect(script.file("stdin") == ([lines[0]] + lines).map { $0 + "\n" }.joined())
    }

    @Test func anAlertQueuedLateGoesFirstButDoesNotCutAnotherAlertsBackoffShort() async throws {
        let script = RecordingScript(in: harness.directory, failures: 1)
        let store = try harness.openStore()
        let worker = harness.worker([SinkSettings(name: "pager", target: .exec(command: [script.path]))], store: store)
        let early = Alert(id: "early", time: Timestamp.string(harness.now), kind: .feedFailing)
        let late = Alert(id: "late", time: Timestamp.string(harness.now), kind: .feedRecovered)
        _ = try store.record([early, late].map { PendingAlert(trackerID: nil, time: harness.now, alert: $0) }, feedID: nil)
        try store.markLogged([LoggedAlert(id: "late", sinks: ["pager"])], at: harness.now)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 0, failed: 1))
        // After a restart, the earlier alert is found in the log and queued.
        try store.markLogged([LoggedAlert(id: "early", sinks: ["pager"])], at: harness.now)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 1, failed: 0))
        #expect(try harness.pending("pager", in: store).map(\.alertID) == ["late"])
        harness.advance(10)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 1, failed: 0))
        #expect(script.runs == 3)
    }

    @Test func aSinkThatIsDownDoesNotHoldUpAnother() async throws {
        let up = try LoopbackHTTPServer { _ in HTTPResponse(status: 200) }
        // Port 1 on loopback: nothing listens there, so the connection is refused. (A server's port
        // freed by stopping it may be taken at once by another test's server in the parallel suite.)
        let downURL = "http://127.0.0.1:1/hook"
        let store = try harness.openStore()
        let worker = harness.worker([webhook("down", downURL), webhook("up", up.url("/hook"))], store: store)
        try harness.raise(["a1", "a2"], for: ["down", "up"], in: store)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 2, failed: 1))
        #expect(up.requests.map { $0.headers["x-feedwatch-alert-id"] } == ["a1", "a2"])
        #expect(try harness.pending("down", in: store).map(\.attempts) == [1, 0])
        #expect(try harness.pending("down", in: store).first?.lastError?.hasPrefix("connection failed") == true)
    }

    @Test func aHangingReceiverDoesNotDelayAnotherSinkInTheDaemonsLoop() async throws {
        let released = Locked(false)
        let slow = try LoopbackHTTPServer { _ in
            while !released.get() { Thread.sleep(forTimeInterval: 0.01) }
            return HTTPResponse(status: 200)
        }
        defer { released.set(true) }
        let fast = try LoopbackHTTPServer { _ in HTTPResponse(status: 200) }
        let store = try harness.openStore()
        let realTime = OutboxWorker(
            store: store, sinks: [webhook("slow", slow.url("/hook"), timeout: .seconds(60)), webhook("fast", fast.url("/hook"))],
            logger: .init(label: "test"))
        let stop = Locked(false)
        let loop = Task { await realTime.run(shouldStop: { stop.get() }) }
        try harness.raise(["a1"], for: ["slow", "fast"], in: store)
        try await waitFor("the first alert at the fast sink") { fast.requests.count == 1 }
        try harness.raise(["a2"], for: ["slow", "fast"], in: store)
        try await waitFor("the second alert at the fast sink") { fast.requests.count == 2 }
        #expect(slow.requests.count == 1, "the slow sink is still on its first alert")
        #expect(try harness.pending("slow", in: store).map(\.alertID) == ["a1", "a2"])

        released.set(true)
        try await waitFor("the slow sink catching up") { try harness.pending("slow", in: store).isEmpty }
        #expect(slow.requests.map { $0.headers["x-feedwatch-alert-id"] } == ["a1", "a2"])
        stop.set(true)
        await loop.value
    }

    @Test func aHookTimeoutIsAFailureOfThatSink() async throws {
        var hang = HTTPResponse(status: 200)
        hang.delay = .seconds(3)
        let slow = try LoopbackHTTPServer { [hang] _ in hang }
        let store = try harness.openStore()
        let worker = harness.worker([webhook("slow", slow.url("/hook"), timeout: .seconds(1))], store: store)
        try harness.raise(["a1"], for: ["slow"], in: store)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 0, failed: 1))
        #expect(try harness.pending("slow", in: store).first?.lastError == "timed out after 1 s")
    }

    /// Polls `condition` until it holds; the suite's processes can hold the machine for seconds.
    func waitFor(_ what: String, _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }

    @Test func retryAfterPausesTheSink() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 429, headers: [("Retry-After", "300")], text: "slow down") }
        let store = try harness.openStore()
        let worker = harness.worker([webhook("chat", server.url("/hook"))], store: store)
        try harness.raise(["a1"], for: ["chat"], in: store)
        await worker.deliverDue()
        #expect(try harness.pending("chat", in: store)[0].nextAttemptAt == harness.now.addingTimeInterval(300))
    }

    @Test func alertsOfASinkNoLongerConfiguredStayQueued() async throws {
        let script = RecordingScript(in: harness.directory)
        let store = try harness.openStore()
        try harness.raise(["a1"], for: ["retired"], in: store)
        let worker = harness.worker([SinkSettings(name: "pager", target: .exec(command: [script.path]))], store: store)
        #expect(await worker.deliverDue() == OutboxPass())
        #expect(try harness.pending("retired", in: store).map(\.alertID) == ["a1"])
        // The sink comes back (same name): it gets what waited for it.
        worker.configure([SinkSettings(name: "retired", target: .exec(command: [script.path]))])
        #expect(await worker.deliverDue() == OutboxPass(delivered: 1, failed: 0))
    }

    @Test func theScheduleDoublesToAnHourAndHonoursRetryAfter() {
        var schedule = RetrySchedule()
        schedule.jitter = 0
        var generator = SystemRandomNumberGenerator()
        let now = harness.now
        let waits = (1...12).map { schedule.retry(after: $0, at: now, using: &generator).timeIntervalSince(now) }
        #expect(waits == [10, 20, 40, 80, 160, 320, 640, 1280, 2560, 3600, 3600, 3600])
        #expect(schedule.retry(after: 1, at: now, retryAfter: now.addingTimeInterval(90), using: &generator) == now.addingTimeInterval(90))
        #expect(schedule.retry(after: 5, at: now, retryAfter: now.addingTimeInterval(90), using: &generator) == now.addingTimeInterval(160))
    }

    @Test func routingFollowsEachSinksFilters() {
        let routing = AlertRouting(sinks: [
            SinkSettings(name: "all", target: .exec(command: ["/bin/true"])),
            SinkSettings(name: "troops", target: .exec(command: ["/bin/true"]), trackers: ["troops"]),
            SinkSettings(name: "health", target: .exec(command: ["/bin/true"]), kinds: [.feedFailing, .feedRecovered]),
        ])
        let keyword = Alert(id: "k", time: "2026-11-23T19:10:00Z", kind: .keywordMatched, tracker: "troops")
        let failing = Alert(id: "f", time: "2026-11-23T19:10:00Z", kind: .feedFailing)
        #expect(routing.logged([keyword, failing]) == [
            LoggedAlert(id: "k", sinks: ["all", "troops"]), LoggedAlert(id: "f", sinks: ["all", "health"]),
        ])
    }

    @Test func feedTagsRouteByTheTagsTheStoreHoldsForEachFeed() throws {
        let store = try harness.openStore()
        let now = harness.now
        let ukraine = try store.addFeed(FeedRecord(url: "https://kyiv.example/feed", tags: ["ukraine", "war"], addedAt: now))
        let markets = try store.addFeed(FeedRecord(url: "https://markets.example/feed", tags: ["markets"], addedAt: now))
        let untagged = try store.addFeed(FeedRecord(url: "https://misc.example/feed", addedAt: now))
        var desk = SinkSettings(name: "war-desk", target: .exec(command: ["/bin/true"]), kinds: [.keywordMatched])
        desk.feedTags = ["ukraine", "middle-east"]
        let routing = AlertRouting(sinks: [SinkSettings(name: "all", target: .exec(command: ["/bin/true"])), desk])
        #expect(routing.needsFeedTags)
        func alert(_ id: String, _ feed: FeedRecord, kind: AlertKind = .keywordMatched) -> Alert {
            Alert(id: id, time: Timestamp.string(now), kind: kind, tracker: "t", feed: .init(id: feed.id ?? -1, url: feed.url, title: nil))
        }
        let alerts = [alert("a", ukraine), alert("b", markets), alert("c", untagged), alert("d", ukraine, kind: .feedFailing)]
        #expect(try routing.logged(alerts, store: store) == [
            LoggedAlert(id: "a", sinks: ["all", "war-desk"]), LoggedAlert(id: "b", sinks: ["all"]),
            LoggedAlert(id: "c", sinks: ["all"]), LoggedAlert(id: "d", sinks: ["all"]),
        ], "every filter a sink sets must accept the alert")
        #expect(!AlertRouting(sinks: [SinkSettings(name: "all", target: .exec(command: ["/bin/true"]))]).needsFeedTags)
    }

    @Test func trackerTagsRouteByTheTagsTheStoreHoldsForEachTracker() throws {
        let store = try harness.openStore()
        let rule = TrackerRule.keyword(KeywordRule(terms: ["truce"], requireAll: false, exclude: []))
        _ = try store.addTracker(name: "truce", rule: rule, at: harness.now)
        _ = try store.addTracker(name: "grain", rule: rule, at: harness.now)
        try store.setTrackerTags(named: "truce", tags: ["diplomacy", "war"])
        #expect(throws: StorageError.trackerNotFound("nope")) { try store.setTrackerTags(named: "nope", tags: ["x"]) }
        var desk = SinkSettings(name: "diplomacy", target: .exec(command: ["/bin/true"]))
        desk.trackerTags = ["diplomacy"]
        let routing = AlertRouting(sinks: [desk])
        #expect(routing.needsTrackerTags && !routing.needsFeedTags)
        let alerts = ["truce", "grain"].map { Alert(id: $0, time: Timestamp.string(harness.now), kind: .keywordMatched, tracker: $0) }
            + [Alert(id: "health", time: Timestamp.string(harness.now), kind: .feedFailing)]
        #expect(try routing.logged(alerts, store: store) == [
            LoggedAlert(id: "truce", sinks: ["diplomacy"]), LoggedAlert(id: "grain", sinks: []), LoggedAlert(id: "health", sinks: []),
        ])
        try store.setTrackerTags(named: "truce", tags: [])
        #expect(try store.trackerTags(names: ["truce", "grain"]).isEmpty)
    }
}
