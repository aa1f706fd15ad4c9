import Foundation
import GRDB

/// What trackers remember between articles, read and written inside the transaction that
/// stores an article, so that two processes ingesting at once (the daemon and `feed add`)
/// always compare against the value the other one just reported.
///
/// A ledger lives for one transaction, which holds the write lock: no other process can change
/// what a tracker reported meanwhile, so each tracker's reported value is read once and kept
/// until this transaction records a new one.
final class SQLiteFigureLedger: FigureLedger {
    let db: Database
    private var reported: [Int64: FigureObservation?] = [:]

    init(db: Database) {
        self.db = db
    }

    /// The value the tracker last raised an alert for, if it ever did.
    public func reportedFigure(trackerID: Int64) throws -> FigureObservation? {
        if let known = reported[trackerID] { return known }
        let statement = try db.cachedStatement(sql: """
            SELECT * FROM figure_observations WHERE tracker_id = ? AND raised IS NOT NULL ORDER BY id DESC LIMIT 1
            """)
        let observation = try Row.fetchOne(statement, arguments: [trackerID]).map(FigureObservation.init(row:))
        reported[trackerID] = .some(observation)
        return observation
    }

    /// Records a reading; false if this tracker already read this article.
    @discardableResult
    public func record(_ observation: FigureObservation) throws -> Bool {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO figure_observations
                (tracker_id, article_id, feed_id, value, unit, text, sentence, article_url, published, seen_at, raised, role,
                 status, attribution)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
            """)
        try BoundStatement(
            statement, binding: .init(observation.trackerID), .init(observation.articleID), .init(observation.feedID),
            .init(observation.value), .init(observation.unit), .init(observation.text), .init(observation.sentence),
            .init(observation.articleURL), .init(SQLDate.string(observation.published)), .init(SQLDate.string(observation.seenAt)),
            .init(observation.raised), .init(observation.role), .init(observation.status), .init(observation.attribution)
        ).execute()
        guard db.changesCount > 0 else { return false }
        // Read back as stored (dates at the column's precision) when next asked.
        if observation.raised != nil { reported[observation.trackerID] = nil }
        return true
    }

    /// The outlets (feeds) whose readings since observation `after` gave this value, each once,
    /// with the status of its first such reading; for corroboration (`FigureRule.minSources`).
    public func outlets(trackerID: Int64, value: Double, unit: String, after: Int64?) throws -> [FigureOutlet] {
        let statement = try db.cachedStatement(sql: """
            SELECT o.feed_id, f.title, f.url, o.status, COALESCE(a.story_id, a.id) AS story
            FROM figure_observations o LEFT JOIN feeds f ON f.id = o.feed_id LEFT JOIN articles a ON a.id = o.article_id
            WHERE o.tracker_id = ? AND o.value = ? AND o.unit = ? AND o.id > ? ORDER BY o.id
            """)
        var seen: Set<Int64> = []
        return try Row.fetchAll(statement, arguments: [trackerID, value, unit, after ?? 0]).compactMap { row in
            guard let feed: Int64 = row["feed_id"], seen.insert(feed).inserted else { return nil }
            return FigureOutlet(
                feedID: feed, name: row["title"] ?? row["url"] ?? "feed \(feed)", status: row["status"], story: row["story"])
        }
    }

    /// Whether the tracker already alerted on any article of the story whose first article is
    /// `story`: any of its reworded copies, and any version of them.
    public func hasAlert(trackerID: Int64, inStory story: Int64) throws -> Bool {
        let statement = try db.cachedStatement(sql: "SELECT 1 FROM alerts WHERE tracker_id = ? AND story_id = ? LIMIT 1")
        return try BoundStatement(statement, binding: .init(trackerID), .init(story)).firstRow { _ in true } ?? false
    }
}

extension FigureObservation {
    init(row: Row) {
        let seenAt: Date = row.storedDate("seen_at") ?? row["seen_at"]
        self.init(
            trackerID: row["tracker_id"], articleID: row["article_id"], feedID: row["feed_id"], value: row["value"],
            unit: row["unit"], text: row["text"], sentence: row["sentence"], articleURL: row["article_url"],
            published: row.storedDate("published") ?? seenAt, seenAt: seenAt, raised: row["raised"], role: row["role"],
            status: row["status"], attribution: row["attribution"])
        id = row["id"]
    }
}

extension SQLiteStore {
    /// Every value a figure tracker read, in the order of the articles' dates.
    public func figureHistory(trackerID: Int64) throws(StorageError) -> [FigureObservation] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM figure_observations WHERE tracker_id = ? ORDER BY published, id", arguments: [trackerID]
            ).map(FigureObservation.init(row:))
        }
    }

    /// Calls `body` with every stored article in the order FeedWatch first saw them, reading in
    /// batches so that a large database is never held in memory.
    public func forEachArticle(since: Date?, _ body: (ArticleRecord) -> Void) throws(StorageError) {
        var lastID: Int64 = 0
        while true {
            let batch: [ArticleRecord] = try read { db in
                var request = ArticleRecord.filter(Column("id") > lastID)
                if let since { request = request.filter(Column("first_seen") >= since) }
                return try request.order(Column("id")).limit(500).fetchAll(db)
            }
            guard let last = batch.last?.id else { return }
            for article in batch { body(article) }
            lastID = last
        }
    }
}
