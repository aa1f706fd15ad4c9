import FeedModel
import Foundation
import GRDB

/// An alert ready to be stored, with the tracker it counts against.
public struct PendingAlert: Sendable, Equatable {
    public var trackerID: Int64?
    public var time: Date
    public var alert: Alert

    public init(trackerID: Int64?, time: Date, alert: Alert) {
        self.trackerID = trackerID
        self.time = time
        self.alert = alert
    }
}

/// What one feed document added.
public struct IngestReport: Sendable, Equatable {
    /// Articles stored for the first time.
    public var newArticles: [ArticleRecord] = []
    /// Items whose content another feed (or another guid) had already brought.
    public var republished = 0
    /// Items this feed had already delivered.
    public var alreadySeen = 0
    /// Items this feed had delivered before with other content: stored as revisions of their
    /// article (and also listed in `newArticles`, since trackers read them afresh).
    public var revisions = 0
    /// Alerts stored by this ingest, not yet written to the alert log.
    public var alerts: [Alert] = []

    public init() {}
}

extension FeedStore {
    /// Stores a feed's items and its new fetch state in one transaction, deduplicating by
    /// (feed, guid) and then by content hash. An item whose guid the feed delivered before with
    /// other content is a revision: stored as a new version of its article and read afresh.
    /// `raise` runs for each new article (or revision) inside the transaction, with the ledger of
    /// tracker state; the alerts it returns are stored with the article, so a crash can never
    /// keep one without the other. An alert for a (tracker, article) pair that exists is dropped.
    public func ingest(
        _ items: [ParsedItem], from feed: FeedRecord, at now: Date,
        raise: (ArticleRecord, TrackerLedger) throws -> [PendingAlert]
    ) throws(StorageError) -> IngestReport {
        guard let feedID = feed.id else { return IngestReport() }
        return try write { db in
            var report = IngestReport()
            let seenAt = SQLDate.string(now)
            let ledger = TrackerLedger(db: db)
            let knownSource = try db.makeStatement(sql: """
                SELECT a.id, a.content_hash, COALESCE(a.revision_of, a.id) AS root
                FROM article_sources s JOIN articles a ON a.id = s.article_id
                WHERE s.feed_id = ? AND s.guid = ?
                """)
            let articleByHash = try db.makeStatement(sql: "SELECT id FROM articles WHERE content_hash = ?")
            let addSource = try db.makeStatement(sql: """
                INSERT INTO article_sources (feed_id, guid, article_id, link, seen_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """)
            let moveSource = try db.makeStatement(sql: """
                UPDATE article_sources SET article_id = ?, link = ?, seen_at = ? WHERE feed_id = ? AND guid = ?
                """)
            for item in items {
                var revisionOf: Int64?
                if let known = try Row.fetchOne(knownSource, arguments: [feedID, item.id]) {
                    if known["content_hash"] as String == item.contentHash {
                        report.alreadySeen += 1
                        continue
                    }
                    if let existing = try Int64.fetchOne(articleByHash, arguments: [item.contentHash]) {
                        // Changed back, or into a copy of an article another feed brought.
                        try moveSource.execute(arguments: [existing, item.link, seenAt, feedID, item.id])
                        report.alreadySeen += 1
                        continue
                    }
                    revisionOf = known["root"]
                } else if let existing = try Int64.fetchOne(articleByHash, arguments: [item.contentHash]) {
                    try addSource.execute(arguments: [feedID, item.id, existing, item.link, seenAt])
                    report.republished += 1
                    continue
                }
                var article = ArticleRecord(item: item, feedID: feedID, seenAt: now, revisionOf: revisionOf)
                try FeedStore.insert(&article, in: db)
                if revisionOf == nil {
                    try addSource.execute(arguments: [feedID, item.id, article.id, item.link, seenAt])
                } else {
                    try moveSource.execute(arguments: [article.id, item.link, seenAt, feedID, item.id])
                    report.revisions += 1
                }
                report.newArticles.append(article)
                for pending in try raise(article, ledger)
                where try FeedStore.insert(pending, articleID: article.id, feedID: feedID, in: db) {
                    report.alerts.append(pending.alert)
                }
            }
            try FeedStore.saveFetchState(feed, in: db)
            return report
        }
    }

    /// A prepared insert with the columns bound by hand: Codable record encoding costs more than
    /// SQLite itself when a cold start stores a hundred thousand articles.
    static func insert(_ article: inout ArticleRecord, in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO articles (content_hash, title, url, published, updated, author, summary, content, text,
                                  categories, first_seen, feed_id, revision_of)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            article.contentHash, article.title, article.url, SQLDate.string(article.published),
            SQLDate.string(article.updated), article.author, article.summary, article.content, article.text,
            JSONText.array(article.categories), SQLDate.string(article.firstSeen), article.feedId, article.revisionOf,
        ])
        article.id = db.lastInsertedRowID
    }

    /// Inserts an alert unless one exists for the same (tracker, article) or with the same id.
    static func insert(_ pending: PendingAlert, articleID: Int64?, feedID: Int64?, in db: Database) throws -> Bool {
        let body = try AlertJSON.line(pending.alert)
        try db.execute(
            sql: """
                INSERT INTO alerts (id, time, kind, tracker_id, tracker_name, feed_id, article_id, body, logged)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING
                """,
            arguments: [
                pending.alert.id, SQLDate.string(pending.time), pending.alert.kind.rawValue, pending.trackerID, pending.alert.tracker,
                feedID, articleID, body,
            ])
        return db.changesCount > 0
    }
}
