import AlertHooks
import Configuration
import FeedModel
import FeedStorage
import Foundation
import Logging
import TestSupport

/// An outbox over a real SQLite file, drained by a real worker, with a clock the test moves
/// (retries come due without sleeping) and no jitter.
struct OutboxHarness {
    let directory = TemporaryDirectory()
    let clock: Locked<Date>
    var database: String { directory.file("feedwatch.sqlite") }

    init(start: Date = Date(timeIntervalSince1970: 1_795_000_000)) {
        clock = Locked(start)
    }

    var now: Date { clock.get() }

    func advance(_ seconds: TimeInterval) { clock.update { $0 = $0.addingTimeInterval(seconds) } }

    func openStore() throws -> any FeedDatabase { try SQLiteStore(path: database) }

    /// A worker as the daemon makes one; a new one on a new store is a restart.
    func worker(_ sinks: [SinkSettings], store: any FeedDatabase) -> OutboxWorker {
        var schedule = RetrySchedule()
        schedule.jitter = 0
        let clock = self.clock
        return OutboxWorker(store: store, sinks: sinks, logger: Logger(label: "test"), schedule: schedule, clock: { clock.get() })
    }

    /// Stores alerts and marks them logged, queued for `sinks`: what alert delivery does.
    @discardableResult
    func raise(_ ids: [String], for sinks: [String], in store: any FeedDatabase, tracker: String? = "truce") throws -> [Alert] {
        let alerts = ids.map {
            Alert(id: $0, time: Timestamp.string(now), kind: tracker == nil ? .feedFailing : .keywordMatched, tracker: tracker, excerpt: "alert \($0)")
        }
        _ = try store.record(alerts.map { PendingAlert(trackerID: nil, time: now, alert: $0) }, feedID: nil)
        try store.markLogged(alerts.map { LoggedAlert(id: $0.id, sinks: sinks) }, at: now)
        return alerts
    }

    func pending(_ sink: String, in store: any FeedDatabase) throws -> [OutboxEntry] {
        try store.pendingDeliveries(for: sink, limit: 100)
    }
}
