import AlertHooks
import Alerting
import FeedModel
import FeedStorage
import Foundation
import Logging
import Synchronization

/// Takes alerts the database holds and makes them raised: appended and flushed to the alert
/// log, printed for the journal, then marked as logged and, in the same transaction, queued in
/// the outbox for the hooks whose filters accept them. An alert whose delivery fails stays
/// unlogged in the database and is delivered by the next `deliverPending`.
public struct AlertDelivery: Sendable {
    let store: any FeedDatabase
    let log: AlertLog
    let logger: Logger
    let journal: JournalPrinter.Stream?
    let routing: AlertRouting
    let clock: @Sendable () -> Date
    /// Why the last write to the alert log failed; nil once alerts are written again.
    public let logHealth: AlertLogHealth

    /// - Parameters:
    ///   - journal: where each alert's line is also printed: standard output for the daemon's journal,
    ///     standard error for a CLI verb; nil prints nothing.
    ///   - routing: the hooks (`[[sink]]`) each alert is queued for.
    public init(
        store: any FeedDatabase, log: AlertLog, logger: Logger, journal: JournalPrinter.Stream? = .standardOutput, routing: AlertRouting = AlertRouting(sinks: []),
        logHealth: AlertLogHealth = AlertLogHealth(), clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.logHealth = logHealth
        self.store = store
        self.log = log
        self.logger = logger
        self.journal = journal
        self.routing = routing
        self.clock = clock
    }

    /// Delivers alerts the database holds, off the cooperative pool (the log is flushed with `fsync`).
    public func deliver(_ alerts: [EncodedAlert]) async {
        guard !alerts.isEmpty else { return }
        await Blocking.run { deliverNow(alerts) }
    }

    /// The same, on the calling thread: for callers that already run off the cooperative pool.
    func deliverNow(_ alerts: [EncodedAlert]) {
        guard !alerts.isEmpty else { return }
        do {
            try log.append(alerts)
        } catch {
            logHealth.failed(error.description)
            logger.error("\(error); \(Plural.count(alerts.count, "alert")) kept in the database and retried every cycle")
            return
        }
        logHealth.recovered()
        if let journal { JournalPrinter.print(alerts, to: journal) }
        do {
            try store.markLogged(routing.logged(alerts.map(\.alert), store: store), at: clock())
        } catch {
            logger.error("alerts are in the log but could not be marked so: \(error)")
        }
    }

    /// Delivers alerts stored before a crash or a failed write; those already in the log (the
    /// process died between the write and the mark) are only marked, never written twice.
    /// - Parameter settledFor: only alerts raised at least this long ago: while processes run
    ///   beside this one (`feedwatch feed add`), a younger alert may be on its way to the log.
    public func deliverPending(settledFor age: Duration? = nil) async {
        await Blocking.run { deliverPendingNow(settledFor: age) }
    }

    func deliverPendingNow(settledFor age: Duration?) {
        do {
            let cutoff = age.map { clock().addingTimeInterval(-Double($0.components.seconds)) }
            let pending = try store.unloggedAlerts(raisedBefore: cutoff)
            guard !pending.isEmpty else {
                if cutoff == nil { logHealth.recovered() }
                return
            }
            let present = log.loggedIDs(among: Set(pending.map(\.alert.id)))
            if !present.isEmpty {
                try store.markLogged(routing.logged(pending.map(\.alert).filter { present.contains($0.id) }, store: store), at: clock())
            }
            let missing = pending.filter { !present.contains($0.alert.id) }
            if !missing.isEmpty {
                logger.notice("delivering \(Plural.count(missing.count, "alert")) stored but not yet logged")
                deliverNow(missing)
            }
        } catch {
            logger.error("cannot read pending alerts: \(error)")
        }
    }
}

/// Whether the alert log can be written, shared by every delivery of one process: the daemon
/// retries pending alerts while it reports a failure, and `status` shows the reason.
public final class AlertLogHealth: Sendable {
    private let lastFailure = Mutex<String?>(nil)

    public init() {}

    /// The reason the last write failed, or nil when the last write succeeded.
    public var failure: String? { lastFailure.withLock { $0 } }

    func failed(_ reason: String) { lastFailure.withLock { $0 = reason } }
    func recovered() { lastFailure.withLock { $0 = nil } }
}
