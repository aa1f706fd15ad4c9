import FeedModel
import FeedStorage
import Foundation
import Tracking

/// Runs one tracker over the articles already stored, oldest first, and returns the alerts it
/// would have raised. It writes nothing: tracker state lives in a scratch memory that starts empty.
public struct Backtest: Sendable {
    let store: any FeedDatabase

    public init(store: any FeedDatabase) {
        self.store = store
    }

    public func run(_ tracker: Tracker, since: Date? = nil) throws(StorageError) -> [Alert] {
        let feeds = Dictionary(try store.feeds().compactMap { feed in feed.id.map { ($0, feed) } }) { first, _ in first }
        let evaluator = TrackerEvaluator(trackers: [tracker])
        let memory = ScratchMemory()
        memory.feeds = feeds.mapValues { $0.title ?? $0.url }
        var alerts: [Alert] = []
        var failure: (any Error)?
        try store.forEachArticle(since: since) { article in
            guard failure == nil else { return }
            let feed = article.feedId.flatMap { feeds[$0] } ?? FeedRecord(url: "", addedAt: article.firstSeen)
            let raising = ArticleAlerts(feed: feed, now: article.firstSeen)
            if let id = article.id, let story = article.story { memory.stories[id] = story }
            do {
                let findings = evaluator.evaluate(title: article.title, text: article.text)
                    .admitted(feedID: article.feedId, tags: article.feedId.flatMap { feeds[$0]?.tags } ?? [])
                let raised = try raising.alerts(for: article, findings: findings, memory: memory)
                for pending in raised {
                    memory.alerted.insert(AlertedPair(tracker: tracker.id, story: article.story ?? 0))
                    alerts.append(pending.alert)
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw .database("\(failure)") }
        return alerts
    }
}

private struct AlertedPair: Hashable {
    var tracker: Int64
    var story: Int64
}

/// Tracker state for a backtest, kept in memory and thrown away afterwards.
/// What trackers remember between articles: the stored ledger while polling, this scratch copy
/// while backtesting.
private final class ScratchMemory: FigureLedger {
    var reported: [Int64: FigureObservation] = [:]
    var alerted: Set<AlertedPair> = []
    /// Every reading, in order, with ids counted from 1.
    var readings: [FigureObservation] = []

    func reportedFigure(trackerID: Int64) -> FigureObservation? { reported[trackerID] }

    func record(_ observation: FigureObservation) -> Bool {
        var observation = observation
        observation.id = Int64(readings.count + 1)
        readings.append(observation)
        if observation.raised != nil { reported[observation.trackerID] = observation }
        return true
    }

    func outlets(trackerID: Int64, value: Double, unit: String, after: Int64?) -> [FigureOutlet] {
        var seen: Set<Int64> = []
        return readings.dropFirst(Int(after ?? 0)).compactMap { reading in
            guard reading.trackerID == trackerID, reading.value == value, reading.unit == unit, let feed = reading.feedID,
                  seen.insert(feed).inserted
            else { return nil }
            return FigureOutlet(feedID: feed, name: feeds[feed] ?? "feed \(feed)", status: reading.status, story: stories[reading.articleID])
        }
    }

    /// Feed names by id, for outlets.
    var feeds: [Int64: String] = [:]
    /// The story of each article read, for outlets.
    var stories: [Int64: Int64] = [:]

    func hasAlert(trackerID: Int64, inStory story: Int64) -> Bool {
        alerted.contains(AlertedPair(tracker: trackerID, story: story))
    }
}
