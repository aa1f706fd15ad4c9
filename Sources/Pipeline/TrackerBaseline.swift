import FeedModel
import FeedStorage
import Foundation
import Tracking

/// Adds a tracker that already knows the stored articles. A figure tracker reads them oldest
/// first and records their values as its history without raising anything, so the next real
/// change raises `figure.changed` from the value they left. A keyword tracker counts the
/// stored articles it matches and, when asked, raises them as alerts.
///
/// The articles are read before the tracker is stored, outside any transaction; the tracker,
/// what it learnt and the articles stored meanwhile (read again inside) are then written in one
/// transaction, so a daemon polling beside it never sees the tracker without its baseline.
public struct TrackerBaseline: Sendable {
    /// Which stored articles a new keyword tracker raises alerts for.
    public struct Backfill: Sendable, Equatable {
        /// Only articles first seen since then; nil: every stored article.
        public var since: Date?
        public init(since: Date?) { self.since = since }
    }

    /// What the new tracker found in the stored articles.
    public struct Outcome: Sendable {
        public var tracker: Tracker
        /// Stored articles read.
        public var articlesRead = 0
        /// Articles in which a figure tracker read a value, or that a keyword tracker matches.
        public var matching = 0
        /// Figure trackers: the value the tracker holds now and where it came from, if any.
        public var current: FigureObservation?
        /// Keyword trackers with a backfill: the alerts stored, oldest article first, for delivery.
        public var raised: [EncodedAlert] = []
    }

    let store: any FeedDatabase

    public init(store: any FeedDatabase) {
        self.store = store
    }

    /// Adds the tracker with its baseline, learnt from the stored articles its scope admits (the
    /// feed that first brought each). `backfill` applies to keyword trackers only.
    public func add(
        name: String, rule: TrackerRule, scope: TrackerScope = TrackerScope(), backfill: Backfill? = nil, at now: Date
    ) throws(StorageError) -> Outcome {
        // Id 0 is never a stored tracker's (ids start at 1): findings are assigned to the real
        // tracker once it has an id.
        let evaluator = TrackerEvaluator(trackers: [Tracker(id: 0, name: name, rule: rule)])
        var found: [(ArticleRecord, TrackerFindings)] = []
        var lastID: Int64 = 0
        var read = 0
        try store.forEachArticle { article in
            read += 1
            lastID = max(lastID, article.id ?? 0)
            let findings = evaluator.evaluate(title: article.title, text: article.text)
            if !findings.isEmpty { found.append((article.withoutText, findings)) }
        }
        var outcome: Outcome?
        let tracker = try store.addTracker(name: name, rule: rule, scope: scope, at: now) { seeding in
            for article in try seeding.articles(after: lastID) {
                read += 1
                let findings = evaluator.evaluate(title: article.title, text: article.text)
                if !findings.isEmpty { found.append((article.withoutText, findings)) }
            }
            let feeds = try seeding.feeds()
            if !scope.isEveryFeed {
                found.removeAll { article, _ in
                    !scope.admits(feedID: article.feedId, tags: article.feedId.flatMap { feeds[$0]?.tags } ?? [])
                }
            }
            var result = Outcome(tracker: seeding.tracker, articlesRead: read, matching: found.count)
            for (article, findings) in found {
                let feed = article.feedId.flatMap { feeds[$0] } ?? FeedRecord(url: "", addedAt: article.firstSeen)
                let assigned = findings.assigned(to: seeding.tracker)
                if case .figure = rule {
                    // The value is dated by when FeedWatch first saw the article, not by now.
                    _ = try ArticleAlerts(feed: feed, now: article.firstSeen)
                        .alerts(for: article, findings: assigned, memory: seeding.ledger, silently: true)
                    continue
                }
                guard let backfill, backfill.since.map({ article.firstSeen >= $0 }) ?? true else { continue }
                let alerts = try ArticleAlerts(feed: feed, now: now).alerts(for: article, findings: assigned, memory: seeding.ledger)
                for pending in alerts {
                    if let encoded = try seeding.insert(pending, articleID: article.id, story: article.story, feedID: feed.id) {
                        result.raised.append(encoded)
                    }
                }
            }
            result.current = try seeding.ledger.reportedFigure(trackerID: seeding.tracker.id)
            outcome = result
        }
        return outcome ?? Outcome(tracker: tracker)
    }
}

extension TrackerFindings {
    /// The same findings, credited to `tracker`.
    fileprivate func assigned(to tracker: Tracker) -> TrackerFindings {
        var findings = self
        for index in findings.hits.indices { findings.hits[index].tracker = tracker }
        for index in findings.figures.indices { findings.figures[index].tracker = tracker }
        return findings
    }
}

extension ArticleRecord {
    /// The article without its text, which alerts and readings do not need once the trackers
    /// read it: a baseline over many matching articles keeps only their references.
    fileprivate var withoutText: ArticleRecord {
        var article = self
        article.text = ""
        article.summary = nil
        article.content = nil
        return article
    }
}
