import Configuration
import FeedModel
import FeedStorage

/// Which hooks each alert goes to, by the sinks' `kinds`, `trackers` and `feed_tags` filters.
/// Decided once, when the alert is queued: a later change of the filters, or of a feed's tags,
/// does not move queued alerts.
public struct AlertRouting: Sendable {
    public let sinks: [SinkSettings]

    public init(sinks: [SinkSettings]) {
        self.sinks = sinks
    }

    /// Whether routing needs the tags of the alerts' feeds (some sink filters by them).
    public var needsFeedTags: Bool { sinks.contains { !$0.feedTags.isEmpty } }

    /// - Parameter feedTags: the tags of the alert's feed, by feed id.
    public func sinks(for alert: Alert, feedTags: [Int64: [String]] = [:]) -> [String] {
        let tags = alert.feed.flatMap { feedTags[$0.id] } ?? []
        return sinks.filter { $0.accepts(kind: alert.kind, tracker: alert.tracker, feedTags: tags) }.map(\.name)
    }

    /// The alerts as the store marks them logged: each with the sinks it is queued for.
    public func logged(_ alerts: [Alert], feedTags: [Int64: [String]] = [:]) -> [LoggedAlert] {
        alerts.map { LoggedAlert(id: $0.id, sinks: sinks(for: $0, feedTags: feedTags)) }
    }

    /// The same, reading the feeds' tags from the store when a sink needs them.
    public func logged(_ alerts: [Alert], store: FeedStore) throws(StorageError) -> [LoggedAlert] {
        guard needsFeedTags else { return logged(alerts) }
        return logged(alerts, feedTags: try store.feedTags(ids: Set(alerts.compactMap { $0.feed?.id })))
    }
}
