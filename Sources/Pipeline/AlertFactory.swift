import ArticleText
import FeedModel
import FeedStorage
import FigureExtraction
import Foundation
import Tracking

/// Turns tracker hits and feed health changes into alerts with stable ids: the same
/// (kind, tracker, article) always gets the same id, whatever restarts or re-fetches happen.
enum AlertFactory {
    static func alert(for hit: TrackerHit, article: ArticleRecord, feed: FeedRecord, at now: Date) -> PendingAlert {
        let id = stableID(hit.kind.rawValue, String(hit.tracker.id), article.contentHash)
        let alert = Alert(
            id: id, time: Timestamp.string(now), kind: hit.kind, tracker: hit.tracker.name,
            feed: reference(feed), article: article.reference, matched: hit.matched, excerpt: hit.excerpt,
            revisionOf: article.revisionOf)
        return PendingAlert(trackerID: hit.tracker.id, time: now, alert: alert)
    }

    /// `figure.first_seen` (no `previous`) or `figure.changed`, citing where the previous value was seen.
    static func alert(
        for draft: FigureObservationDraft, verdict: FigureVerdict, previous: FigureObservation?, article: ArticleRecord,
        feed: FeedRecord, at now: Date, sources: Alert.Sources? = nil
    ) -> PendingAlert {
        let kind = verdict.alertKind ?? .figureFirstSeen
        let figure = draft.reading.figure
        var change: Alert.FigureChange?
        if case .changed(let delta, let ratio) = verdict { change = Alert.FigureChange(delta: delta, ratio: ratio) }
        let alert = Alert(
            id: stableID(kind.rawValue, String(draft.tracker.id), article.contentHash), time: Timestamp.string(now),
            kind: kind, tracker: draft.tracker.name, feed: reference(feed), article: article.reference,
            matched: [draft.reading.term], excerpt: figure.sentence,
            previous: kind == .figureChanged ? previous.map {
                Alert.FigureValue(
                    value: $0.value, unit: $0.unit, text: $0.text, articleURL: $0.articleURL, seen: Timestamp.string($0.seenAt),
                    role: $0.role, status: $0.status, attribution: $0.attribution)
            } : nil,
            current: Alert.FigureValue(
                value: figure.value, unit: figure.unit, text: draft.reading.text, sentence: figure.sentence,
                role: figure.role.rawValue, statedPrevious: figure.statedPrevious, status: figure.status.rawValue,
                attribution: figure.attribution),
            change: change, revisionOf: article.revisionOf, sources: sources)
        return PendingAlert(trackerID: draft.tracker.id, time: now, alert: alert)
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
