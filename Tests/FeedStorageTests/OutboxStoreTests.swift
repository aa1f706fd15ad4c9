import FeedModel
import FeedStorage
import Foundation
import Testing
import TestSupport

@Suite struct OutboxStoreTests {
    let directory = TemporaryDirectory()
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// A store holding feed-health alerts with these ids, stored in this order and not yet logged.
    func store(alerts ids: [String], in database: TestDatabase) throws -> any FeedDatabase {
        let store = try database.open()
        for id in ids {
            _ = try store.record(
                [PendingAlert(trackerID: nil, time: now, alert: Alert(id: id, time: Timestamp.string(now), kind: .feedFailing))],
                feedID: nil)
        }
        return store
    }

    @Test(arguments: Backend.allCases) func markingAnAlertLoggedQueuesItOnceForEachSink(_ backend: Backend) throws {
        let store = try store(alerts: ["a1", "a2"], in: backend.makeDatabase(in: directory))
        try store.markLogged([LoggedAlert(id: "a1", sinks: ["pager", "chat"]), LoggedAlert(id: "a2", sinks: ["pager"])], at: now)
        // Marking again (a restart that finds the alert in the log) queues nothing more.
        try store.markLogged([LoggedAlert(id: "a1", sinks: ["pager", "chat", "late"])], at: now)
        #expect(try store.pendingDeliveries(for: "pager", limit: 10).map(\.alertID) == ["a1", "a2"])
        #expect(try store.pendingDeliveries(for: "chat", limit: 10).map(\.alertID) == ["a1"])
        #expect(try store.pendingDeliveries(for: "late", limit: 10).isEmpty)
        let entry = try #require(try store.pendingDeliveries(for: "chat", limit: 1).first)
        #expect(entry.kind == "feed.failing")
        #expect(entry.tracker == nil)
        #expect(try AlertJSON.alert(from: entry.body).id == "a1")
        #expect(try store.outboxDue() == ["pager": now, "chat": now])
    }

    @Test(arguments: Backend.allCases) func aSinkIsDueWhenItsFirstPendingAlertIs(_ backend: Backend) throws {
        let store = try store(alerts: ["a1", "a2", "a3"], in: backend.makeDatabase(in: directory))
        try store.markLogged(["a1", "a2", "a3"].map { LoggedAlert(id: $0, sinks: ["pager"]) }, at: now)
        let first = try store.pendingDeliveries(for: "pager", limit: 1)[0]
        try store.recordFailedDelivery(first, error: "HTTP 503", retryAt: now.addingTimeInterval(10), at: now)
        #expect(try store.outboxDue() == ["pager": now.addingTimeInterval(10)])
        let retried = try store.pendingDeliveries(for: "pager", limit: 3)
        #expect(retried.map(\.alertID) == ["a1", "a2", "a3"])
        #expect(retried[0].attempts == 1)
        #expect(retried[0].lastError == "HTTP 503")

        try store.markDelivered(retried[0], at: now.addingTimeInterval(10))
        try store.markDelivered(retried[1], at: now.addingTimeInterval(11))
        #expect(try store.pendingDeliveries(for: "pager", limit: 3).map(\.alertID) == ["a3"])
        let summary = try #require(try store.outboxSummary().first { $0.sink == "pager" })
        #expect(summary.pending == 1)
        #expect(summary.oldestPendingSince == now)
        #expect(summary.attempts == 0)
        #expect(summary.lastError == nil)
        #expect(summary.nextAttemptAt == now)
        #expect(summary.lastDeliveredAt == now.addingTimeInterval(11))

        try store.markDelivered(retried[2], at: now.addingTimeInterval(12))
        #expect(try store.outboxDue().isEmpty)
        #expect(try store.outboxSummary().first?.pending == 0)
    }

    @Test(arguments: Backend.allCases) func theOutboxSurvivesReopening(_ backend: Backend) throws {
        let database = try backend.makeDatabase(in: directory)
        do {
            let store = try store(alerts: ["a1"], in: database)
            try store.markLogged([LoggedAlert(id: "a1", sinks: ["pager"])], at: now)
            store.close()
        }
        let reopened = try database.open()
        #expect(try reopened.pendingDeliveries(for: "pager", limit: 10).map(\.alertID) == ["a1"])
    }
}
