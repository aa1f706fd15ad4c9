import Configuration
import FeedModel
import FeedStorage

/// Which hooks each alert goes to, by the sinks' `kinds`, `trackers`, `feed_tags` and
/// `tracker_tags` filters.
/// Decided once, when the alert is queued: a later change of the filters, or of a feed's tags,
/// does not move queued alerts.
public struct AlertRouting: Sendable {
    public let sinks: [SinkSettings]

    public init(sinks: [SinkSettings]) {
        self.sinks = sinks
    }

    /// Whether routing needs the tags of the alerts' feeds (some sink filters by them).
    public var needsFeedTags: Bool { sinks.contains { !$0.feedTags.isEmpty } }
    /// Whether routing needs the tags of the alerts' trackers.
    public var needsTrackerTags: Bool { sinks.contains { !$0.trackerTags.isEmpty } }

    /// - Parameters:
    ///   - feedTags: the tags of the alert's feed, by feed id.
    ///   - trackerTags: the tags of the alert's tracker, by tracker name.
    public func sinks(for alert: Alert, feedTags: [Int64: [String]] = [:], trackerTags: [String: [String]] = [:]) -> [String] {
        let tags = alert.feed.flatMap { feedTags[$0.id] } ?? []
        let ownTags = alert.tracker.flatMap { trackerTags[$0] } ?? []
        return sinks.filter { $0.accepts(kind: alert.kind, tracker: alert.tracker, feedTags: tags, trackerTags: ownTags) }.map(\.name)
    }

    /// The alerts as the store marks them logged: each with the sinks it is queued for.
    public func logged(_ alerts: [Alert], feedTags: [Int64: [String]] = [:], trackerTags: [String: [String]] = [:]) -> [LoggedAlert] {
        alerts.map { LoggedAlert(id: $0.id, sinks: sinks(for: $0, feedTags: feedTags, trackerTags: trackerTags)) }
    }

    /// The same, reading the feeds' and trackers' tags from the store when a sink needs them.
    public func logged(_ alerts: [Alert], store: any FeedDatabase) throws(StorageError) -> [LoggedAlert] {
        let feedTags = needsFeedTags ? try store.feedTags(ids: Set(alerts.compactMap { $0.feed?.id })) : [:]
        let trackerTags = needsTrackerTags ? try store.trackerTags(names: Set(alerts.compactMap(\.tracker))) : [:]
        return logged(alerts, feedTags: feedTags, trackerTags: trackerTags)
    }
}
