import AlertHooks
import AlertMessages
import Configuration
import FeedModel
import FeedStorage
import Foundation
import Testing
import TestSupport

/// Digests, the hourly limit and quiet hours, through the real outbox and worker, over a clock
/// the test moves: what is sent when, and that every alert is sent exactly once.
@Suite struct DeliveryPolicyTests {
    func sink(_ url: String, _ policy: DeliveryPolicy) -> SinkSettings {
        var sink = SinkSettings(name: "desk", target: .webhook(WebhookTarget(url: url)))
        sink.policy = policy
        return sink
    }

    func bodies(_ server: LoopbackHTTPServer) -> [[String: Any]] {
        server.requests.map { (try? JSONSerialization.jsonObject(with: Data($0.body)) as? [String: Any]) ?? [:] }
    }

    func ids(_ body: [String: Any]) -> [String] {
        if body["kind"] as? String == "digest" { return (body["alerts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        return [body["id"] as? String ?? "?"]
    }

    @Test func aDigestGathersWhatWaitsIntoOneMessageAPeriodAfterTheFirst() async throws {
        let harness = OutboxHarness()
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 204) }
        let store = try harness.openStore()
        let worker = harness.worker([sink(server.url("/d"), DeliveryPolicy(digest: .seconds(3600)))], store: store)
        try harness.raise(["a1", "a2"], for: ["desk"], in: store, tracker: "truce")
        harness.advance(600)
        try harness.raise(["a3"], for: ["desk"], in: store, tracker: "troops")
        try harness.raise(["a4"], for: ["desk"], in: store, tracker: nil)
        #expect(await worker.deliverDue() == OutboxPass())
        harness.advance(2999)
        #expect(await worker.deliverDue() == OutboxPass(), "59m59s after the first: not yet")
        #expect(server.requests.isEmpty)
        harness.advance(1)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 4, failed: 0))
        let digest = try #require(bodies(server).first)
        #expect(server.requests.count == 1)
        #expect(digest["kind"] as? String == "digest")
        #expect(digest["count"] as? Int == 4)
        #expect(ids(digest) == ["a1", "a2", "a3", "a4"])
        let trackers = try #require(digest["trackers"] as? [[String: Any]])
        #expect(trackers.map { $0["name"] as? String } == ["truce", "troops", "feeds"], "grouped by tracker, in the order raised")

        // The next alert starts the next period.
        try harness.raise(["a5"], for: ["desk"], in: store)
        harness.advance(3599)
        #expect(await worker.deliverDue() == OutboxPass())
        harness.advance(1)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 1, failed: 0))
        #expect(bodies(server).map(ids) == [["a1", "a2", "a3", "a4"], ["a5"]], "a digest of one alert is that alert")
    }

    @Test func theHourlyLimitSendsTheFirstAndFoldsTheRestIntoTheNextDigest() async throws {
        let harness = OutboxHarness()
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 204) }
        let store = try harness.openStore()
        let worker = harness.worker([sink(server.url("/l"), DeliveryPolicy(maxPerHour: 2))], store: store)
        try harness.raise(["a1"], for: ["desk"], in: store)
        await worker.deliverDue()
        harness.advance(60)
        try harness.raise(["a2"], for: ["desk"], in: store)
        await worker.deliverDue()
        harness.advance(60)
        try harness.raise(["a3", "a4", "a5"], for: ["desk"], in: store)
        #expect(await worker.deliverDue() == OutboxPass(), "two messages this hour already")
        harness.advance(3600 - 121)
        #expect(await worker.deliverDue() == OutboxPass(), "the first message is not yet an hour old")
        harness.advance(1)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 3, failed: 0))
        #expect(bodies(server).map(ids) == [["a1"], ["a2"], ["a3", "a4", "a5"]], "nothing dropped, nothing twice")

        // A burst larger than what the hour has left: the last message left is a digest.
        harness.advance(3600)
        try harness.raise(["b1", "b2", "b3", "b4"], for: ["desk"], in: store)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 4, failed: 0))
        #expect(bodies(server).map(ids).suffix(2) == [["b1"], ["b2", "b3", "b4"]])
        #expect(try store.sinkMessages(for: "desk", before: harness.now).count == 2)
    }

    @Test func quietHoursHoldEverythingAndSendItAsOneDigestWhenTheyEnd() async throws {
        // 2026-11-17 23:00 UTC.
        let harness = OutboxHarness(start: Date(timeIntervalSince1970: 1_795_042_800))
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 204) }
        let store = try harness.openStore()
        let utc = try #require(TimeZone(identifier: "UTC"))
        let quiet = try #require(QuietHours("22:00-07:00", timeZone: utc))
        let worker = harness.worker([sink(server.url("/q"), DeliveryPolicy(quietHours: quiet))], store: store)
        try harness.raise(["n1", "n2"], for: ["desk"], in: store)
        harness.advance(3 * 3600)
        try harness.raise(["n3"], for: ["desk"], in: store)
        #expect(await worker.deliverDue() == OutboxPass())
        harness.advance(5 * 3600 - 1)
        #expect(await worker.deliverDue() == OutboxPass(), "06:59:59")
        #expect(server.requests.isEmpty)
        harness.advance(1)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 3, failed: 0))
        try harness.raise(["d1"], for: ["desk"], in: store)
        await worker.deliverDue()
        #expect(bodies(server).map(ids) == [["n1", "n2", "n3"], ["d1"]], "after quiet hours, alerts go as they come")
    }

    @Test func aDigestThatFailsIsRetriedAndEachAlertArrivesOnceEvenAcrossARestart() async throws {
        let harness = OutboxHarness()
        let failures = Locked(2)
        let server = try LoopbackHTTPServer { _ in
            failures.update { left -> Bool in
                guard left > 0 else { return false }
                left -= 1
                return true
            } ? HTTPResponse(status: 503, text: "busy") : HTTPResponse(status: 204)
        }
        let sinks = [sink(server.url("/r"), DeliveryPolicy(digest: .seconds(600), maxPerHour: 5))]
        let store = try harness.openStore()
        let worker = harness.worker(sinks, store: store)
        try harness.raise(["a1", "a2", "a3"], for: ["desk"], in: store)
        harness.advance(600)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 0, failed: 1))
        #expect(try harness.pending("desk", in: store).first?.lastError == "HTTP 503: busy")
        harness.advance(10)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 0, failed: 1))
        store.close()

        // A restart, then the receiver recovers.
        let reopened = try harness.openStore()
        let restarted = harness.worker(sinks, store: reopened)
        harness.advance(20)
        #expect(await restarted.deliverDue() == OutboxPass(delivered: 3, failed: 0))
        harness.advance(3600)
        #expect(await restarted.deliverDue() == OutboxPass())
        let accepted = bodies(server).suffix(1)
        #expect(accepted.map(ids) == [["a1", "a2", "a3"]])
        #expect(server.requests.count == 3)
    }

    @Test func aDigestReadsGroupedByTrackerThenStoryWithEachAlertsOwnTitle() async throws {
        let harness = OutboxHarness()
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 200) }
        let store = try harness.openStore()
        var phone = SinkSettings(name: "phone", target: .ntfy(NtfyTarget(server: server.url(""), topic: "t")))
        phone.policy = DeliveryPolicy(digest: .seconds(60))
        phone.message = MessageRenderer(title: try MessageTemplate("[{{tracker}}] {{excerpt}}"))
        let worker = harness.worker([phone], store: store)
        try harness.raise(["a1", "a2"], for: ["phone"], in: store, tracker: "truce")
        try harness.raise(["a3"], for: ["phone"], in: store, tracker: nil)
        harness.advance(60)
        #expect(await worker.deliverDue() == OutboxPass(delivered: 3, failed: 0))
        let request = try #require(server.requests.first)
        #expect(request.headers["tags"] == "newspaper")
        let title = try #require(request.headers["title"])
        #expect(title == "FeedWatch: 3 alerts (truce, feeds)", "a digest keeps its own layout")
        #expect(String(decoding: request.body, as: UTF8.self) == """
            truce:
            • [truce] alert a1
              [truce] alert a1
            • [truce] alert a2
              [truce] alert a2
            feeds:
            • [] alert a3
              [] alert a3
            """)
    }
}
