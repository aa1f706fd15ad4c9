import AlertHooks
import Alerting
import Configuration
import FeedFetching
import FeedStorage
import Logging

extension PollCycle {
    /// A cycle as the settings describe it, with the alert log opened.
    /// - Parameters:
    ///   - journal: print alerts on standard output (the daemon), or not (the CLI).
    ///   - markers: where the daemon notes the bodies it reads, to quarantine one it dies on.
    public static func make(
        settings: Settings, store: FeedStore, logger: Logger, journal: Bool, metrics: PollMetrics = PollMetrics(),
        markers: InFlightMarkers? = nil, logHealth: AlertLogHealth = AlertLogHealth()
    ) throws -> (PollCycle, AlertDelivery) {
        let log = try AlertLog(path: settings.alertLogPath)
        let delivery = AlertDelivery(
            store: store, log: log, logger: logger, journal: journal, routing: AlertRouting(sinks: settings.sinks),
            logHealth: logHealth)
        let polling = settings.polling
        let fetcher = FeedFetcher(
            configuration: FetcherConfiguration(
                connectTimeout: polling.connectTimeout, totalTimeout: polling.timeout, maxBodyBytes: polling.maxBodyBytes,
                maxConnections: polling.maxConnections, maxConnectionsPerHost: polling.maxConnectionsPerHost))
        var schedule = FeedSchedule(defaultInterval: polling.defaultInterval, maxBackoff: polling.maxBackoff)
        schedule.maxServerWait = polling.maxServerWait
        let cycle = PollCycle(
            store: store, fetcher: fetcher, delivery: delivery, schedule: schedule,
            failureThreshold: polling.failureAlertThreshold, logger: logger, window: max(64, polling.maxConnections * 2), metrics: metrics,
            markers: markers)
        return (cycle, delivery)
    }
}
