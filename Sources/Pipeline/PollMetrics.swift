import Synchronization

/// Counters of the daemon's work, in Prometheus text format for the optional metrics endpoint.
public final class PollMetrics: Sendable {
    private struct Values {
        var fetches: [String: Int] = [:]
        var cycles = 0
        var lastCycleSeconds = 0.0
        var articles = 0
        var alerts = 0
    }

    private let values = Mutex(Values())

    public init() {}

    /// `status`: the HTTP status, or "error" when no response came.
    func countFetch(status: String) { values.withLock { $0.fetches[status, default: 0] += 1 } }

    func countCycle(_ report: CycleReport) {
        values.withLock {
            $0.cycles += 1
            $0.lastCycleSeconds = report.seconds
            $0.articles += report.newArticles
            $0.alerts += report.alerts
        }
    }

    /// The exposition, with gauges read from the database at scrape time.
    public func render(feeds: Int, failingFeeds: Int, storedArticles: Int) -> String {
        let snapshot = values.withLock { $0 }
        var text = """
            # HELP feedwatch_fetches_total Feed fetches by HTTP status ("error": no response).
            # TYPE feedwatch_fetches_total counter

            """
        for (status, count) in snapshot.fetches.sorted(by: { $0.key < $1.key }) {
            text += "feedwatch_fetches_total{status=\"\(status)\"} \(count)\n"
        }
        text += """
            # HELP feedwatch_cycles_total Poll cycles run.
            # TYPE feedwatch_cycles_total counter
            feedwatch_cycles_total \(snapshot.cycles)
            # HELP feedwatch_cycle_duration_seconds Duration of the last poll cycle.
            # TYPE feedwatch_cycle_duration_seconds gauge
            feedwatch_cycle_duration_seconds \(snapshot.lastCycleSeconds)
            # HELP feedwatch_articles_stored_total New articles stored since start.
            # TYPE feedwatch_articles_stored_total counter
            feedwatch_articles_stored_total \(snapshot.articles)
            # HELP feedwatch_alerts_raised_total Alerts raised since start.
            # TYPE feedwatch_alerts_raised_total counter
            feedwatch_alerts_raised_total \(snapshot.alerts)
            # HELP feedwatch_feeds Feeds watched.
            # TYPE feedwatch_feeds gauge
            feedwatch_feeds \(feeds)
            # HELP feedwatch_feeds_failing Feeds whose last fetch failed.
            # TYPE feedwatch_feeds_failing gauge
            feedwatch_feeds_failing \(failingFeeds)
            # HELP feedwatch_articles Articles in the database.
            # TYPE feedwatch_articles gauge
            feedwatch_articles \(storedArticles)

            """
        return text
    }
}
