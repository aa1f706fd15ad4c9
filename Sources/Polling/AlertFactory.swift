import ArticleText
import FeedModel
import FeedStorage
import Foundation
import Tracking

/// Turns tracker hits and feed health changes into alerts with stable ids: the same
/// (kind, tracker, article) always gets the same id, whatever restarts or re-fetches happen.
enum AlertFactory {
    static func alert(for hit: TrackerHit, article: ArticleRecord, feed: FeedRecord, at now: Date) -> PendingAlert {
        let id = stableID(hit.kind.rawValue, String(hit.tracker.id), article.contentHash)
        let alert = Alert(
            id: id, time: Timestamp.string(now), kind: hit.kind, tracker: hit.tracker.name,
            feed: reference(feed), article: article.reference, matched: hit.matched, excerpt: hit.excerpt)
        return PendingAlert(trackerID: hit.tracker.id, time: now, alert: alert)
    }

    static func feedHealth(_ kind: AlertKind, feed: FeedRecord, message: String, at now: Date) -> PendingAlert {
        let id = stableID(kind.rawValue, String(feed.id ?? 0), Timestamp.string(now))
        let alert = Alert(id: id, time: Timestamp.string(now), kind: kind, feed: reference(feed), message: message)
        return PendingAlert(trackerID: nil, time: now, alert: alert)
    }

    static func reference(_ feed: FeedRecord) -> Alert.FeedRef {
        Alert.FeedRef(id: feed.id ?? 0, url: feed.url, title: feed.title)
    }

    private static func stableID(_ parts: String...) -> String {
        String(SHA256Digest.hex(of: parts.joined(separator: "\u{1F}")).prefix(32))
    }
}
