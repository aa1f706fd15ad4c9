import AlertHooks
import Alerting
import Configuration
import FeedFetching
import FeedStorage
import Logging

extension PollCycle {
    /// A cycle as the settings describe it, with the alert log opened.
    /// - Parameter journal: print alerts on standard output (the daemon), or not (the CLI).
    public static func make(
        settings: Settings, store: FeedStore, logger: Logger, journal: Bool, metrics: PollMetrics = PollMetrics()
    ) throws -> (PollCycle, AlertDelivery) {
        let log = try AlertLog(path: settings.alertLogPath)
        let delivery = AlertDelivery(
            store: store, log: log, logger: logger, journal: journal, routing: AlertRouting(sinks: settings.sinks))
        let polling = settings.polling
        let fetcher = FeedFetcher(
            configuration: FetcherConfiguration(
                connectTimeout: polling.connectTimeout, totalTimeout: polling.timeout, maxBodyBytes: polling.maxBodyBytes,
                maxConnections: polling.maxConnections, maxConnectionsPerHost: polling.maxConnectionsPerHost))
        let cycle = PollCycle(
            store: store, fetcher: fetcher, delivery: delivery,
            schedule: FeedSchedule(defaultInterval: polling.defaultInterval, maxBackoff: polling.maxBackoff),
            failureThreshold: polling.failureAlertThreshold, logger: logger, window: max(64, polling.maxConnections * 2), metrics: metrics)
        return (cycle, delivery)
    }
}
