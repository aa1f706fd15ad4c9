import Foundation
import GRDB

extension SQLiteStore {
    /// Adds a feed, due at once. Fails if the URL is already watched.
    /// Throws `feedExists` when the URL is already watched: the schema's UNIQUE `feeds.url` decides.
    public func addFeed(_ feed: FeedRecord) throws(StorageError) -> FeedRecord {
        try write { db in
            var inserted = feed
            try UniqueConstraint.inserting(orThrow: .feedExists(feed.url)) { try inserted.insert(db) }
            return inserted
        }
    }

    public func feeds() throws(StorageError) -> [FeedRecord] {
        try read { db in try FeedRecord.order(Column("id")).fetchAll(db) }
    }

    public func feeds(after id: Int64, limit: Int) throws(StorageError) -> [FeedRecord] {
        try read { db in try FeedRecord.filter(Column("id") > id).order(Column("id")).limit(max(limit, 1)).fetchAll(db) }
    }

    /// The tags of these feeds (a feed without tags, or no longer watched, is absent).
    public func feedTags(ids: Set<Int64>) throws(StorageError) -> [Int64: [String]] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            var tags: [Int64: [String]] = [:]
            for feed in try FeedRecord.filter(ids.contains(Column("id"))).fetchAll(db) where !feed.tags.isEmpty {
                if let id = feed.id { tags[id] = feed.tags }
            }
            return tags
        }
    }

    public func feed(id: Int64) throws(StorageError) -> FeedRecord? {
        try read { db in try FeedRecord.fetchOne(db, key: id) }
    }

    /// The feed watching exactly this URL, if any (one indexed lookup).
    public func feed(url: String) throws(StorageError) -> FeedRecord? {
        try read { db in try FeedRecord.filter(Column("url") == url).fetchOne(db) }
    }

    /// A feed by its numeric id or its URL.
    public func feed(matching key: String) throws(StorageError) -> FeedRecord {
        let found = try read { db -> FeedRecord? in
            if let id = Int64(key), let feed = try FeedRecord.fetchOne(db, key: id) { return feed }
            return try FeedRecord.filter(Column("url") == key).fetchOne(db)
        }
        guard let found else { throw .feedNotFound(key) }
        return found
    }

    /// Removes a feed and what only it carried: its sources; articles stay (other feeds may carry them).
    public func removeFeed(id: Int64) throws(StorageError) {
        try write { db in
            guard try FeedRecord.deleteOne(db, key: id) else { throw StorageError.feedNotFound(String(id)) }
        }
    }

    /// Feeds whose next fetch is at or before `now`, soonest first.
    public func dueFeeds(at now: Date) throws(StorageError) -> [FeedRecord] {
        try read { db in
            try FeedRecord.filter(Column("next_fetch_at") <= SQLDate.string(now) && Column("paused_at") == nil)
                .order(Column("next_fetch_at"), Column("id")).fetchAll(db)
        }
    }

    /// Pages by the place in the order (next fetch, id): a feed fetched on an earlier page is no
    /// longer due, and one whose fetch could not be stored lies before the cursor.
    public func dueFeeds(at now: Date, after cursor: FeedRecord?, limit: Int) throws(StorageError) -> [FeedRecord] {
        try read { db in
            // Dates bound as stored (`SQLDate`): binding a `Date` would format it with a
            // DateFormatter, whose first use was a tenth of a start with nothing due.
            var due = FeedRecord.filter(Column("next_fetch_at") <= SQLDate.string(now) && Column("paused_at") == nil)
            if let cursor, let id = cursor.id, let after = SQLDate.string(cursor.nextFetchAt) {
                let time = Column("next_fetch_at")
                due = due.filter(time > after || (time == after && Column("id") > id))
            }
            return try due.order(Column("next_fetch_at"), Column("id")).limit(max(limit, 1)).fetchAll(db)
        }
    }

    /// Changes what the user chose of a feed (`FeedRecord.edit`), in one transaction. Its fetch
    /// state is left alone.
    public func editFeed(
        id: Int64, title: String?, intervalSeconds: Int??, addTags: [String], removeTags: [String],
        requestOptions: @Sendable (inout FeedRecord) -> Void
    ) throws(StorageError) -> FeedRecord {
        try write { db in
            guard var feed = try FeedRecord.fetchOne(db, key: id) else { throw StorageError.feedNotFound(String(id)) }
            feed.edit(title: title, intervalSeconds: intervalSeconds, addTags: addTags, removeTags: removeTags, requestOptions: requestOptions)
            try feed.update(
                db, columns: ["title", "title_is_custom", "interval_seconds", "tags", "request_headers", "credentials_file", "proxy"])
            return feed
        }
    }

    /// Pauses (a time) or resumes (nil) feeds; a resumed feed is due at `now`.
    public func setPaused(feedIDs: [Int64], at pausedAt: Date?, now: Date) throws(StorageError) {
        try write { db in
            for id in feedIDs {
                if let pausedAt {
                    try db.execute(sql: "UPDATE feeds SET paused_at = ? WHERE id = ?", arguments: [SQLDate.string(pausedAt), id])
                } else {
                    try db.execute(
                        sql: "UPDATE feeds SET paused_at = NULL, next_fetch_at = ? WHERE id = ? AND paused_at IS NOT NULL",
                        arguments: [SQLDate.string(now), id])
                }
            }
        }
    }

    /// Adds many feeds in one transaction, skipping URLs already watched; returns those added.
    public func addFeeds(_ feeds: [FeedRecord]) throws(StorageError) -> [FeedRecord] {
        try write { db in
            var added: [FeedRecord] = []
            for feed in feeds where try FeedRecord.filter(Column("url") == feed.url).fetchCount(db) == 0 {
                var inserted = feed
                try inserted.insert(db)
                added.append(inserted)
            }
            return added
        }
    }

    /// Saves a feed's fetch state (only the columns the fetcher owns: a CLI edit made meanwhile survives).
    public func saveFetchState(_ feed: FeedRecord) throws(StorageError) {
        try write { db in try SQLiteStore.saveFetchState(feed, in: db) }
    }

    static func saveFetchState(_ feed: FeedRecord, in db: Database) throws {
        guard let id = feed.id else { return }
        let statement = try db.cachedStatement(
            sql: """
                UPDATE feeds SET
                    url = CASE WHEN EXISTS (SELECT 1 FROM feeds other WHERE other.url = ?1 AND other.id != ?13)
                               THEN url ELSE ?1 END,
                    title = CASE WHEN title_is_custom THEN title ELSE ?2 END, etag = ?3,
                    last_modified = ?4, body_hash = ?5, last_fetch_at = ?6, last_success_at = ?7, last_status = ?8,
                    last_error = ?9, consecutive_failures = ?10, next_fetch_at = ?11, redirect_candidate = ?12,
                    server_interval_seconds = ?14
                WHERE id = ?13
                """)
        // Bound in the order of the parameters' numbers; every feed's state is saved each cycle.
        try BoundStatement(
            statement, binding: .init(feed.url), .init(feed.title), .init(feed.etag), .init(feed.lastModified), .init(feed.bodyHash),
            .init(SQLDate.string(feed.lastFetchAt)), .init(SQLDate.string(feed.lastSuccessAt)), .init(feed.lastStatus),
            .init(feed.lastError), .init(feed.consecutiveFailures), .init(SQLDate.string(feed.nextFetchAt)),
            .init(feed.redirectCandidate), .init(id), .init(feed.serverIntervalSeconds)
        ).execute()
    }

    /// Number of distinct articles each feed has carried, by feed id.
    public func articleCountsByFeed() throws(StorageError) -> [Int64: Int] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT feed_id, COUNT(*) AS n FROM article_sources GROUP BY feed_id")
            var counts: [Int64: Int] = [:]
            for row in rows { counts[row["feed_id"]] = row["n"] }
            return counts
        }
    }
}
