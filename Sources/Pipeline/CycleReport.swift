import FeedModel
import Foundation

/// What one poll cycle did, for the log line, the heartbeat and `--once` output.
public struct CycleReport: Sendable, Equatable, Codable {
    public var feeds = 0
    /// Fetched, parsed and stored.
    public var updated = 0
    /// 304, or a body identical to the last one.
    public var unchanged = 0
    public var failed = 0
    /// Not fetched because their host asked for a pause.
    public var deferred = 0
    public var newArticles = 0
    public var republished = 0
    /// Known items whose content changed, stored as revisions of their article.
    public var revisions = 0
    public var alerts = 0
    public var seconds = 0.0

    public init() {}

    /// Adds another report's counts (not its time).
    mutating func add(_ other: CycleReport) {
        feeds += other.feeds
        updated += other.updated
        unchanged += other.unchanged
        failed += other.failed
        deferred += other.deferred
        newArticles += other.newArticles
        republished += other.republished
        revisions += other.revisions
        alerts += other.alerts
    }

    public var summary: String {
        "\(Plural.count(feeds, "feed")): \(updated) updated, \(unchanged) unchanged, \(failed) failed, \(deferred) deferred; "
            + "\(Plural.count(newArticles, "new article")), \(Plural.count(revisions, "revision")), \(Plural.count(alerts, "alert")) "
            + "in \(String(format: "%.2f", seconds)) s"
    }
}
