import AlertHooks
import Alerting
import Configuration
import FeedFetching
import FeedModel
import FeedStorage
import Foundation
import Logging
import Pipeline
import ServiceLifecycle

/// The one place FeedWatch is put together from `Settings`: the store, the alert log, the
/// fetcher, the pipeline, the hooks, and for the daemon its services. `feedwatchd`, `feedwatch
/// feed add` and the tests all build through it, so what they run is wired the same way.
public final class FeedWatchApp: Sendable {
    /// Who the parts are for: the daemon prints alerts for the journal and notes the bodies it
    /// reads (to quarantine one it dies on); a command prints its alerts on standard error and
    /// notes nothing.
    public enum Role: Sendable, Equatable {
        case daemon
        case command
    }

    public let settings: Settings
    public let store: any FeedDatabase
    public let logger: Logger
    let role: Role
    let clock: @Sendable () -> Date
    let jitter: Double?
    let metrics = PollMetrics()
    let markers: InFlightMarkers?
    /// Whether alerts reach the alert log; shared by the deliveries of every reload.
    let logHealth = AlertLogHealth()
    let live: LivePipeline
    public let hooks: OutboxWorker

    /// Opens the database (creating and migrating it) and the alert log.
    /// - Parameters:
    ///   - store: an open store to use instead of opening `settings.databasePath`.
    ///   - jitter: the schedule's random spread (tests set 0 to know when feeds fall due).
    public init(
        settings: Settings, role: Role, logger: Logger, store: (any FeedDatabase)? = nil, jitter: Double? = nil,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        self.settings = settings
        self.role = role
        self.logger = logger
        self.clock = clock
        self.jitter = jitter
        let store = try store ?? StoreOpening.open(settings, logger: logger)
        self.store = store
        markers = role == .daemon ? InFlightMarkers.claim(settings.inFlightDirectory) : nil
        if role == .daemon { store.startSearchCatchUp() }
        live = LivePipeline(
            try Self.pipeline(
                settings: settings, store: store, role: role, logger: logger, metrics: metrics, markers: markers,
                logHealth: logHealth, jitter: jitter, clock: clock))
        hooks = OutboxWorker(store: store, sinks: settings.sinks, logger: logger, clock: clock)
    }

    /// The poll cycle as the settings describe it.
    public var cycle: PollCycle { live.current.cycle }

    /// Where the cycle's alerts go: the alert log, the journal (for the daemon) and the outbox.
    public var delivery: AlertDelivery { live.current.delivery }

    /// The daemon's services, in the order they start; a graceful shutdown stops them in reverse
    /// order, so polling stops first and the hooks finish their deliveries last.
    public func services(once: Bool, all: Bool, loadSettings: @escaping @Sendable () throws -> Settings) throws -> [any Service] {
        let notifier = SystemdNotifier()
        let progress = Progress()
        var polling = PollingService(
            mode: once ? .once(all: all) : .continuous, store: store, live: live, hooks: hooks,
            markers: markers ?? InFlightMarkers.claim(settings.inFlightDirectory), logHealth: logHealth,
            notifier: notifier, progress: progress, logger: logger, clock: clock)
        polling.retention = settings.retention
        guard !once else { return [polling] }
        var services: [any Service] = []
        if let listen = settings.metricsListen, let (host, port) = MetricsAddress.split(listen) {
            let (metrics, store) = (self.metrics, self.store)
            let server = try MetricsServer(host: host, port: port) {
                let counts = try? store.counts()
                return metrics.render(
                    feeds: counts?.feeds ?? 0, failingFeeds: counts?.failingFeeds ?? 0, storedArticles: counts?.articles ?? 0)
            }
            logger.info("metrics on http://\(listen)/metrics")
            services.append(MetricsService(server: server))
        }
        services.append(HookDeliveryService(worker: hooks))
        if let interval = notifier.watchdogInterval {
            services.append(WatchdogService(notifier: notifier, interval: interval, progress: progress))
        }
        let store = self.store
        services.append(ReloadService(
            live: live, notifier: notifier, logger: logger, loadSettings: loadSettings,
            rebuild: { [self] settings in try pipeline(settings: settings) },
            onReload: { [hooks] in hooks.configure($0.sinks) },
            statusLine: { await StatusLine.text(store: store, last: nil) }))
        services.append(polling)
        return services
    }

    /// Folds the write-ahead log into the database and closes it; the last thing a process does.
    public func close() {
        store.close()
    }

    private func pipeline(settings: Settings) throws -> LivePipeline.Parts {
        try Self.pipeline(
            settings: settings, store: store, role: role, logger: logger, metrics: metrics, markers: markers,
            logHealth: logHealth, jitter: jitter, clock: clock)
    }

    private static func pipeline(
        settings: Settings, store: any FeedDatabase, role: Role, logger: Logger, metrics: PollMetrics, markers: InFlightMarkers?,
        logHealth: AlertLogHealth, jitter: Double?, clock: @escaping @Sendable () -> Date
    ) throws -> LivePipeline.Parts {
        let log = try AlertLog(path: settings.alertLogPath)
        let delivery = AlertDelivery(
            store: store, log: log, logger: logger, journal: role == .daemon ? .standardOutput : .standardError, routing: AlertRouting(sinks: settings.sinks),
            logHealth: logHealth, clock: clock)
        let polling = settings.polling
        let fetcher = FeedFetcher(
            configuration: FetcherConfiguration(
                userAgent: polling.userAgent ?? FetcherConfiguration.defaultUserAgent, connectTimeout: polling.connectTimeout, totalTimeout: polling.timeout, maxBodyBytes: polling.maxBodyBytes,
                maxConnections: polling.maxConnections, maxConnectionsPerHost: polling.maxConnectionsPerHost))
        var schedule = FeedSchedule(defaultInterval: polling.defaultInterval, maxBackoff: polling.maxBackoff)
        schedule.maxServerWait = polling.maxServerWait
        if let jitter { schedule.jitter = jitter }
        let cycle = PollCycle(
            store: store, fetcher: fetcher, delivery: delivery, schedule: schedule,
            failureThreshold: polling.failureAlertThreshold, logger: logger,
            window: polling.maxConnections, metrics: metrics, markers: markers, clock: clock)
        return LivePipeline.Parts(cycle: cycle, delivery: delivery, settings: settings)
    }
}
