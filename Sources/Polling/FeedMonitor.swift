import Alerting
import Configuration
import FeedFetching
import FeedStorage
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The daemon's service: polls feeds as they fall due until a graceful shutdown (SIGTERM/SIGINT).
///
/// Every second it asks the database which feeds are due, so feeds and trackers added with the
/// CLI are picked up without a restart. With `once`, it runs one cycle and returns.
public final class FeedMonitor: Service, Sendable {
    public enum Mode: Sendable, Equatable {
        case continuous
        /// One cycle over the due feeds (or all feeds), then return.
        case once(all: Bool)
    }

    let store: FeedStore
    let cycle: PollCycle
    let delivery: AlertDelivery
    let logger: Logger
    let mode: Mode
    let clock: @Sendable () -> Date
    private let stopping = StopFlag()

    public init(store: FeedStore, cycle: PollCycle, delivery: AlertDelivery, logger: Logger, mode: Mode,
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.cycle = cycle
        self.delivery = delivery
        self.logger = logger
        self.mode = mode
        self.clock = clock
    }

    /// Opens the database and the alert log and wires the parts together.
    public static func make(settings: Settings, logger: Logger, mode: Mode) throws -> FeedMonitor {
        let store = try FeedStore(path: settings.databasePath)
        let (cycle, delivery) = try PollCycle.make(settings: settings, store: store, logger: logger, journal: true)
        return FeedMonitor(store: store, cycle: cycle, delivery: delivery, logger: logger, mode: mode)
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await poll()
        } onGracefulShutdown: { [stopping] in
            stopping.set()
        }
    }

    private func poll() async throws {
        delivery.deliverPending()
        let stop: @Sendable () -> Bool = { [stopping] in stopping.isSet || Task.isCancelled }
        switch mode {
        case .once(let all):
            let feeds = all ? try store.feeds() : try store.dueFeeds(at: clock())
            let report = await cycle.run(feeds, shouldStop: stop)
            logger.info("cycle: \(report.summary)")
        case .continuous:
            var status = DaemonStatus(pid: getpid(), startedAt: clock())
            try store.saveDaemonStatus(status)
            logger.info("feedwatchd started (pid \(status.pid), database \(store.path))")
            while !stop() {
                let due = try store.dueFeeds(at: clock())
                if !due.isEmpty {
                    let report = await cycle.run(due, shouldStop: stop)
                    status.lastCycleAt = clock()
                    status.lastCycleSeconds = report.seconds
                    logger.info("cycle: \(report.summary)")
                }
                status.heartbeatAt = clock()
                try? store.saveDaemonStatus(status)
                if !stop() { try? await Task.sleep(for: .seconds(1)) }
            }
            status.stoppedAt = clock()
            try? store.saveDaemonStatus(status)
            logger.info("feedwatchd stopped")
        }
    }
}

/// Set once, on graceful shutdown; read from any task.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}
