import AlertHooks
import Alerting
import Configuration
import FeedModel
import FeedStorage
import Foundation
import Pipeline
import Testing
import TestSupport

/// Alerts a cycle raises enter the outbox once, for the hooks whose filters accept them, and
/// only once they are in the alert log.
@Suite struct HookQueueingTests {
    static let sinks = [
        SinkSettings(name: "everything", target: .exec(command: ["/bin/true"])),
        SinkSettings(name: "alpha-only", target: .exec(command: ["/bin/true"]), trackers: ["alpha"]),
        SinkSettings(name: "health", target: .exec(command: ["/bin/true"]), kinds: [.feedFailing, .feedRecovered]),
    ]

    @Test func aCycleQueuesItsAlertsForTheSinksThatWantThem() async throws {
        let harness = try PollingHarness(sinks: Self.sinks)
        _ = try harness.store.addTracker(name: "alpha", rule: .keyword(KeywordRule(terms: ["alpha"])), at: harness.now)
        _ = try harness.store.addTracker(name: "stories", rule: .keyword(KeywordRule(terms: ["story"])), at: harness.now)
        let server = try LoopbackHTTPServer { _ in HTTPResponse(text: rss(["alpha", "beta"])) }
        try harness.add(server.url("/feed"))
        try await harness.pollAll()

        let logged = harness.alertLines()
        #expect(logged.count == 3)
        let everything = try harness.store.pendingDeliveries(for: "everything", limit: 10)
        #expect(everything.map(\.alertID) == logged.map(\.id), "every alert, in the order of the log")
        #expect(everything.map(\.body) == logged.map(AlertJSON.line), "the log's lines")
        let alpha = try harness.store.pendingDeliveries(for: "alpha-only", limit: 10)
        #expect(alpha.map(\.tracker) == ["alpha"])
        #expect(try harness.store.pendingDeliveries(for: "health", limit: 10).isEmpty)
        #expect(everything.allSatisfy { $0.nextAttemptAt == harness.now }, "due at once")
    }

    @Test func anAlertFoundInTheLogAfterACrashIsQueuedOnce() async throws {
        let harness = try PollingHarness(sinks: Self.sinks)
        let alert = Alert(id: "f1", time: Timestamp.string(harness.now), kind: .feedFailing, message: "5 consecutive failures")
        _ = try harness.store.record([PendingAlert(trackerID: nil, time: harness.now, alert: alert)], feedID: nil)
        // The process died after writing the log and before marking the alert logged.
        try AlertLog(path: harness.directory.file("alerts.jsonl")).append([alert])
        #expect(try harness.store.pendingDeliveries(for: "health", limit: 10).isEmpty, "not queued before it is marked")

        await harness.delivery.deliverPending()
        await harness.delivery.deliverPending()
        #expect(harness.alertLines().map(\.id) == ["f1"], "not written twice")
        #expect(try harness.store.pendingDeliveries(for: "health", limit: 10).map(\.alertID) == ["f1"])
        #expect(try harness.store.pendingDeliveries(for: "everything", limit: 10).map(\.alertID) == ["f1"])
        #expect(try harness.store.pendingDeliveries(for: "alpha-only", limit: 10).isEmpty)
    }
}
