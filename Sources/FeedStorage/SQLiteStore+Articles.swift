import FeedModel
import Foundation
import GRDB

extension SQLiteStore {
    /// Newest first; with `search`, the best matches first (see `SearchQuery`: whole words,
    /// phrases and prefixes, ignoring case and diacritics, ranked by BM25 with the title
    /// weighing five times the text). `feedIDs`: only articles one of these feeds carried.
    public func articles(
        feedID: Int64? = nil, feedIDs: Set<Int64>? = nil, search: SearchQuery? = nil, limit: Int = 20
    ) throws(StorageError) -> [ArticleRecord] {
        var carriedBy = feedIDs
        if let feedID { carriedBy = (carriedBy ?? [feedID]).intersection([feedID]) }
        let feedIDs = carriedBy
        guard let search else {
            return try read { db in try Self.newestFirst(feedIDs: feedIDs).limit(limit).fetchAll(db) }
        }
        guard let index = self.search else { return [] }
        do {
            return try index.articles(matching: search.fts5, carriedBy: feedIDs, limit: limit)
        } catch {
            throw SQLiteStore.storageError(error)
        }
    }

    /// How many stored articles a search cannot find yet: those the search index has not taken
    /// in (moments behind the daemon's writes, or more after a crash until it starts again).
    public func articlesNotYetSearchable() throws(StorageError) -> Int {
        do {
            return try search?.lag() ?? 0
        } catch {
            throw SQLiteStore.storageError(error)
        }
    }

    private static func newestFirst(feedIDs: Set<Int64>?) -> QueryInterfaceRequest<ArticleRecord> {
        var request = ArticleRecord.all()
        if let feedIDs {
            let list = feedIDs.sorted().map(String.init).joined(separator: ",")
            request = request.filter(sql: "id IN (SELECT article_id FROM article_sources WHERE feed_id IN (\(list)))")
        }
        return request.order(Column("first_seen").desc, Column("id").desc)
    }

    /// The feeds (id, URL, guid, link) that carried an article.
    public func sources(ofArticle id: Int64) throws(StorageError) -> [ArticleSource] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT feed_id, guid, link, seen_at FROM article_sources WHERE article_id = ? ORDER BY seen_at",
                arguments: [id]
            ).map { row in
                ArticleSource(feedID: row["feed_id"], guid: row["guid"], link: row["link"], seenAt: row["seen_at"])
            }
        }
    }

    public func counts() throws(StorageError) -> StoreCounts {
        try read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT (SELECT COUNT(*) FROM feeds) AS feeds,
                       (SELECT COUNT(*) FROM feeds WHERE last_error IS NOT NULL) AS failing,
                       (SELECT COUNT(*) FROM articles) AS articles,
                       (SELECT COUNT(*) FROM article_sources) AS sources,
                       (SELECT COUNT(*) FROM trackers) AS trackers,
                       (SELECT COUNT(*) FROM alerts) AS alerts,
                       (SELECT COUNT(*) FROM alerts WHERE time >= ?) AS alerts_today,
                       (SELECT COUNT(*) FROM alerts WHERE logged = 0) AS alerts_unlogged
                """, arguments: [SQLDate.string(Calendar(identifier: .gregorian).startOfDay(for: Date()))])
            guard let row else { throw StorageError.database("the counts query returned no row") }
            return StoreCounts(
                feeds: row["feeds"], failingFeeds: row["failing"], articles: row["articles"], sources: row["sources"],
                trackers: row["trackers"], alerts: row["alerts"], alertsToday: row["alerts_today"],
                alertsUnlogged: row["alerts_unlogged"])
        }
    }
}

public struct ArticleSource: Sendable, Equatable, Codable {
    public var feedID: Int64
    public var guid: String
    public var link: String?
    public var seenAt: Date
}

public struct StoreCounts: Sendable, Equatable, Codable {
    public var feeds: Int
    public var failingFeeds: Int
    public var articles: Int
    public var sources: Int
    public var trackers: Int
    public var alerts: Int
    /// Since local midnight.
    public var alertsToday: Int
    /// Raised and stored, but not yet in the alert log (it could not be written): retried every cycle.
    public var alertsUnlogged: Int
}

/// One outlet's copy of a story: the feed and the article it carried.
public struct StoryCopy: Sendable, Equatable, Encodable {
    public var feedID: Int64?
    /// The feed's title, else its URL.
    public var feed: String?
    public var articleID: Int64
    public var title: String?
    public var url: String?
}

extension SQLiteStore {
    /// Every copy of the story whose first article is `story` (reworded copies and revisions
    /// included), one per feed and article, oldest first.
    public func copies(ofStory story: Int64) throws(StorageError) -> [StoryCopy] {
        try read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT a.id, a.title, a.url, s.feed_id, f.title AS feed_title, f.url AS feed_url
                    FROM articles a JOIN article_sources s ON s.article_id = a.id LEFT JOIN feeds f ON f.id = s.feed_id
                    WHERE a.id = ?1 OR a.story_id = ?1 OR a.revision_of = ?1 ORDER BY a.id, s.seen_at
                    """, arguments: [story]
            ).map { row in
                StoryCopy(
                    feedID: row["feed_id"], feed: row["feed_title"] ?? row["feed_url"], articleID: row["id"], title: row["title"],
                    url: row["url"])
            }
        }
    }
}
