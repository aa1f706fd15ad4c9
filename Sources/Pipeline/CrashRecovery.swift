import FeedModel
import FeedStorage
import Foundation
import Logging

/// What a new daemon does with the feed bodies its predecessor died reading.
///
/// One body in flight at the crash is the culprit: it is quarantined (skipped, unread, until the
/// feed serves another body), `feed list` says so and a `feed.failing` alert tells the user.
/// Several bodies in flight are suspects: they are read again one at a time before anything
/// else, so that a second crash leaves exactly one marker and the next start knows the culprit.
/// Every other feed is polled as usual either way.
public struct CrashRecovery: Sendable {
    static let alertMessage = "FeedWatch stopped while reading this feed's content; skipped until it changes"

    let store: any FeedDatabase
    let markers: InFlightMarkers
    let delivery: AlertDelivery
    let logger: Logger
    let clock: @Sendable () -> Date

    public init(
        store: any FeedDatabase, markers: InFlightMarkers, delivery: AlertDelivery, logger: Logger,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.markers = markers
        self.delivery = delivery
        self.logger = logger
        self.clock = clock
    }

    /// Quarantines a lone culprit; returns the suspects to read again one at a time.
    public func recover() -> [FeedRecord] {
        let leftovers = markers.leftovers()
        guard !leftovers.isEmpty else { return [] }
        let feeds = leftovers.compactMap { leftover in (try? store.feed(id: leftover.feedID)).flatMap { $0 } }
        if leftovers.count == 1, let leftover = leftovers.first {
            if let feed = feeds.first { quarantine(feed, bodyHash: leftover.bodyHash) }
            markers.clear(leftover)
            return []
        }
        let list = feeds.map { "\($0.id ?? 0) \($0.url)" }.joined(separator: ", ")
        logger.warning(
            "feedwatchd stopped while reading \(leftovers.count) feeds (\(list)); reading them again one at a time to find the one at fault")
        for leftover in leftovers { markers.clear(leftover) }
        return feeds
    }

    private func quarantine(_ feed: FeedRecord, bodyHash: String) {
        guard let id = feed.id else { return }
        let now = clock()
        do {
            try store.quarantine(
                feedID: id, bodyHash: bodyHash, at: now, reason: PollCycle.quarantineMessage(since: now, feedID: id))
            logger.error("feed \(id) \(feed.url): feedwatchd stopped while reading its content; that content is skipped until it changes")
            let stored = try store.record([AlertFactory.feedHealth(.feedFailing, feed: feed, message: Self.alertMessage, at: now)], feedID: id)
            delivery.deliverNow(stored)
        } catch {
            logger.error("feed \(id) \(feed.url): cannot quarantine the content feedwatchd stopped on: \(error)")
        }
    }
}
