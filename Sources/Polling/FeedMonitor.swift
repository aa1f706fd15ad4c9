import AlertHooks
import Configuration
import FeedModel
import FeedStorage
import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// The daemon's service: polls feeds as they fall due until a graceful shutdown (SIGTERM/SIGINT).
///
/// Every second it asks the database which feeds are due, so feeds and trackers added with the
/// CLI are picked up without a restart. Beside the polling loop, the outbox worker delivers
/// queued alerts to the hooks; a hook that is down never holds up polling. SIGHUP re-reads the
/// configuration (hooks included) and reopens the alert log; a configuration that does not load
/// is reported and the running one kept. Under systemd it reports READY, STATUS, WATCHDOG,
/// RELOADING and STOPPING. With `once`, it runs one cycle, then one pass over the due hooks.
public final class FeedMonitor: Service, Sendable {
    public enum Mode: Sendable, Equatable {
        case continuous
        /// One cycle over the due feeds (or all feeds), then return.
        case once(all: Bool)
    }

    let store: FeedStore
    let logger: Logger
    let mode: Mode
    let clock: @Sendable () -> Date
    let notifier: SystemdNotifier
    /// Re-reads the settings (flags, config file, defaults) on SIGHUP.
    let loadSettings: @Sendable () throws -> Settings
    private let parts: Mutex<(cycle: PollCycle, delivery: AlertDelivery, settings: Settings)>
    private let stopping = StopFlag()
    let hooks: OutboxWorker
    let metrics = PollMetrics()
    /// The bodies being read, so that a crash on one quarantines it at the next start.
    let markers: InFlightMarkers
    /// Whether alerts reach the alert log; shared by the deliveries of every reload.
    let logHealth = AlertLogHealth()
    private let metricsServer: MetricsServer?

    public init(
        settings: Settings, store: FeedStore, logger: Logger, mode: Mode,
        notifier: SystemdNotifier = SystemdNotifier(),
        loadSettings: @escaping @Sendable () throws -> Settings,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.store = store
        self.logger = logger
        self.mode = mode
        self.notifier = notifier
        self.loadSettings = loadSettings
        self.clock = clock
        markers = InFlightMarkers(databasePath: settings.databasePath)
        let (cycle, delivery) = try PollCycle.make(
            settings: settings, store: store, logger: logger, journal: true, metrics: metrics, markers: markers,
            logHealth: logHealth)
        parts = Mutex((cycle, delivery, settings))
        hooks = OutboxWorker(store: store, sinks: settings.sinks, logger: logger, clock: clock)
        if mode == .continuous, let listen = settings.metricsListen, let (host, port) = MetricsAddress.split(listen) {
            let metrics = self.metrics
            metricsServer = try MetricsServer(host: host, port: port) {
                let counts = try? store.counts()
                return metrics.render(
                    feeds: counts?.feeds ?? 0, failingFeeds: counts?.failingFeeds ?? 0, storedArticles: counts?.articles ?? 0)
            }
            logger.info("metrics on http://\(listen)/metrics")
        } else {
            metricsServer = nil
        }
    }

    /// Opens the database and the alert log and wires the parts together.
    public static func make(
        settings: Settings, logger: Logger, mode: Mode, loadSettings: @escaping @Sendable () throws -> Settings
    ) throws -> FeedMonitor {
        let store = try FeedStore(path: settings.databasePath)
        return try FeedMonitor(settings: settings, store: store, logger: logger, mode: mode, loadSettings: loadSettings)
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.poll() }
                if case .continuous = mode {
                    group.addTask { await self.reloadOnHangup() }
                    if let interval = notifier.watchdogInterval {
                        group.addTask { await self.feedWatchdog(every: interval) }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        } onGracefulShutdown: { [stopping, notifier] in
            notifier.stopping()
            stopping.set()
        }
    }

    private var current: (cycle: PollCycle, delivery: AlertDelivery, settings: Settings) {
        parts.withLock { $0 }
    }

    private func poll() async throws {
        current.delivery.deliverPending()
        let stop: @Sendable () -> Bool = { [stopping] in stopping.isSet || Task.isCancelled }
        let suspects = CrashRecovery(store: store, markers: markers, delivery: current.delivery, logger: logger, clock: clock).recover()
        if !suspects.isEmpty {
            let report = await current.cycle.run(suspects, oneAtATime: true, shouldStop: stop)
            logger.notice("the feeds read when feedwatchd stopped were read again one at a time without trouble: \(report.summary)")
        }
        switch mode {
        case .once(let all):
            let suspectIDs = Set(suspects.compactMap(\.id))
            let feeds = (all ? try store.feeds() : try store.dueFeeds(at: clock())).filter { !suspectIDs.contains($0.id ?? 0) }
            let report = await current.cycle.run(feeds, shouldStop: stop)
            logger.info("cycle: \(report.summary)")
            // Cron users get their hooks too: what is due is tried once; failures wait for the next run.
            let pass = await hooks.deliverDue(shouldStop: stop)
            if pass != OutboxPass() { logger.info("hooks: \(pass.delivered) delivered, \(pass.failed) failed (retried later)") }
            if logHealth.failure != nil { current.delivery.deliverPending() }
            let unlogged = (try? store.counts().alertsUnlogged) ?? 0
            store.close()
            if unlogged > 0 {
                throw AlertLogBacklog(count: unlogged, reason: logHealth.failure)
            }
        case .continuous:
            var status = DaemonStatus(pid: getpid(), startedAt: clock())
            try store.saveDaemonStatus(status)
            logger.info("feedwatchd started (pid \(status.pid), database \(store.path))")
            notifier.ready(status: statusLine(last: nil))
            async let deliveringHooks: Void = hooks.run(shouldStop: stop)
            var lastLogRetry = ContinuousClock.now
            while !stop() {
                let due: [FeedRecord]
                do {
                    due = try store.dueFeeds(at: clock())
                } catch {
                    // A database that is briefly unavailable is retried on the next tick.
                    logger.error("cannot read due feeds: \(error)")
                    due = []
                }
                if !due.isEmpty {
                    let report = await current.cycle.run(due, shouldStop: stop, onFeedDone: progress.mark)
                    status.lastCycleAt = clock()
                    status.lastCycleSeconds = report.seconds
                    logger.info("cycle: \(report.summary)")
                    notifier.status(statusLine(last: report))
                }
                // Alerts the log could not take (a full disk), here or in a `feedwatch` command,
                // are retried after every cycle that met a failure and every 30 s, until they are
                // written and reach the hooks.
                if logHealth.failure != nil && !due.isEmpty || ContinuousClock.now - lastLogRetry >= .seconds(30) {
                    lastLogRetry = ContinuousClock.now
                    current.delivery.deliverPending(settledFor: .seconds(5))
                }
                status.alertLogError = logHealth.failure
                status.heartbeatAt = clock()
                progress.mark()
                try? store.saveDaemonStatus(status)
                if !stop() { try? await Task.sleep(for: .seconds(1)) }
            }
            // A hook delivery in progress finishes (within its timeout) before the database closes.
            await deliveringHooks
            status.stoppedAt = clock()
            try? store.saveDaemonStatus(status)
            metricsServer?.stop()
            store.close()
            logger.info("feedwatchd stopped")
        }
    }

    /// One line for `systemctl status`: feeds, failures and the last cycle.
    private func statusLine(last report: CycleReport?) -> String {
        let counts = try? store.counts()
        var line = "\(counts?.feeds ?? 0) feeds (\(counts?.failingFeeds ?? 0) failing), \(counts?.articles ?? 0) articles"
        if let report {
            line += "; last cycle: \(report.updated) updated, \(report.failed) failed, \(report.newArticles) new, \(report.alerts) alerts"
        }
        return line
    }

    // MARK: - Reload (SIGHUP)

    private func reloadOnHangup() async {
        for await _ in await UnixSignalsSequence(trapping: .sighup) {
            reload()
        }
    }

    /// Re-reads the configuration and reopens the alert log; keeps what runs if that fails.
    func reload() {
        notifier.reloading()
        defer { notifier.ready(status: statusLine(last: nil)) }
        let settings: Settings
        do {
            settings = try loadSettings()
        } catch {
            logger.error("configuration not reloaded, keeping the running one: \(error)")
            return
        }
        if settings.databasePath != current.settings.databasePath {
            logger.warning("the database path changed to \(settings.databasePath); restart feedwatchd to use it")
        }
        do {
            let (cycle, delivery) = try PollCycle.make(
                settings: settings, store: store, logger: logger, journal: true, metrics: metrics, markers: markers,
                logHealth: logHealth)
            parts.withLock { $0 = (cycle, delivery, settings) }
            hooks.configure(settings.sinks)
            logger.info("configuration reloaded\(settings.configPath.map { " from \($0)" } ?? ""); alert log reopened")
        } catch {
            logger.error("configuration not reloaded, keeping the running one: \(error)")
        }
    }

    // MARK: - Watchdog

    private let progress = Progress()

    /// Pings systemd while the main loop makes progress (a tick, or a feed stored within the
    /// watchdog period); a loop stuck for longer stops the pings and systemd restarts the daemon.
    private func feedWatchdog(every interval: Duration) async {
        while !Task.isCancelled {
            if progress.age < interval * 2 { notifier.watchdog() }
            try? await Task.sleep(for: interval)
        }
    }
}

/// When the main loop last moved.
final class Progress: Sendable {
    private let last = Mutex(ContinuousClock.now)
    func mark() { last.withLock { $0 = ContinuousClock.now } }
    var age: Duration { ContinuousClock.now - last.withLock { $0 } }
}

/// Set once, on graceful shutdown; read from any task.
final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    var isSet: Bool { flag.load(ordering: .acquiring) }
    func set() { flag.store(true, ordering: .releasing) }
}

/// `feedwatchd --once` ends with alerts still waiting for the alert log: a failure for cron.
struct AlertLogBacklog: Error, CustomStringConvertible {
    var count: Int
    var reason: String?

    var description: String {
        let noun = count == 1 ? "alert is" : "alerts are"
        return "\(count) \(noun) not in the alert log\(reason.map { " (\($0))" } ?? ""); "
            + "kept in the database and written by the next run"
    }
}
