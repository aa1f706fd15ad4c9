import FeedModel
import Foundation
import NIOCore
import PostgresNIO

extension PostgresStore {
    static let articleColumns = """
        id, content_hash, title, url, published, updated, author, summary, content, text, body, categories, first_seen, feed_id,
        revision_of, story_id
        """

    func articles(_ query: PostgresQuery) throws(StorageError) -> [ArticleRecord] {
        do {
            return try rows(query).map { try ArticleRecord(postgres: $0) }
        } catch {
            throw Self.storageError(error)
        }
    }

    /// Newest first; a search matches words of the title and text (PostgreSQL's `simple`
    /// configuration: words as written, whatever their case), as `SearchQuery` reads them:
    /// terms side by side all match, `OR` between groups of them.
    public func articles(feedID: Int64?, feedIDs: Set<Int64>?, search: SearchQuery?, limit: Int) throws(StorageError) -> [ArticleRecord] {
        var carriedBy = feedIDs
        if let feedID { carriedBy = (carriedBy ?? [feedID]).intersection([feedID]) }
        var statement = StatementBuilder("SELECT \(Self.articleColumns) FROM articles WHERE true")
        if let carriedBy {
            let ids = statement.bind(Array(carriedBy))
            statement.append(" AND id IN (SELECT article_id FROM article_sources WHERE feed_id = ANY(\(ids)))")
        }
        if let search {
            guard !search.terms.allSatisfy({ $0 == .or }) else { return [] }
            statement.append(" AND search @@ (")
            Self.appendTSQuery(search, to: &statement)
            statement.append(")")
        }
        statement.append(" ORDER BY first_seen DESC, id DESC LIMIT \(max(0, limit))")
        return try articles(statement.query)
    }

    /// The query as a `tsquery` expression with every word bound.
    static func appendTSQuery(_ search: SearchQuery, to statement: inout StatementBuilder) {
        var groups: [[SearchQuery.Term]] = [[]]
        for term in search.terms {
            if case .or = term { groups.append([]) } else { groups[groups.count - 1].append(term) }
        }
        groups.removeAll { $0.isEmpty }
        statement.append("(")
        for (groupIndex, group) in groups.enumerated() {
            if groupIndex > 0 { statement.append(") || (") }
            for (termIndex, term) in group.enumerated() {
                if termIndex > 0 { statement.append(" && ") }
                switch term {
                case .word(let word, let prefix) where prefix:
                    let value = statement.bind(word)
                    statement.append("to_tsquery('simple', quote_literal(lower(\(value))) || ':*')")
                case .word(let word, _):
                    let value = statement.bind(word)
                    statement.append("plainto_tsquery('simple', \(value))")
                case .phrase(let phrase):
                    let value = statement.bind(phrase)
                    statement.append("phraseto_tsquery('simple', \(value))")
                case .or:
                    break
                }
            }
        }
        statement.append(")")
    }

    public func sources(ofArticle id: Int64) throws(StorageError) -> [ArticleSource] {
        do {
            return try rows("SELECT feed_id, guid, link, seen_at FROM article_sources WHERE article_id = \(id) ORDER BY seen_at").map { row in
                let (feed, guid, link, seen) = try row.decode((Int64, String, String?, Date).self)
                return ArticleSource(feedID: feed, guid: guid, link: link, seenAt: seen)
            }
        } catch {
            throw Self.storageError(error)
        }
    }

    public func copies(ofStory story: Int64) throws(StorageError) -> [StoryCopy] {
        do {
            return try rows("""
                SELECT a.id, a.title, a.url, s.feed_id, COALESCE(f.title, f.url)
                FROM articles a JOIN article_sources s ON s.article_id = a.id LEFT JOIN feeds f ON f.id = s.feed_id
                WHERE a.id = \(story) OR a.story_id = \(story) OR a.revision_of = \(story) ORDER BY a.id, s.seen_at
                """).map { row in
                let (id, title, url, feed, name) = try row.decode((Int64, String?, String?, Int64?, String?).self)
                return StoryCopy(feedID: feed, feed: name, articleID: id, title: title, url: url)
            }
        } catch {
            throw Self.storageError(error)
        }
    }

    public func counts() throws(StorageError) -> StoreCounts {
        let today = Calendar(identifier: .gregorian).startOfDay(for: Date())
        do {
            guard let row = try rows("""
                SELECT (SELECT COUNT(*) FROM feeds), (SELECT COUNT(*) FROM feeds WHERE last_error IS NOT NULL),
                       (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM article_sources), (SELECT COUNT(*) FROM trackers),
                       (SELECT COUNT(*) FROM alerts), (SELECT COUNT(*) FROM alerts WHERE time >= \(today)),
                       (SELECT COUNT(*) FROM alerts WHERE NOT logged)
                """).first else { throw StorageError.database("the counts query returned no row") }
            let (feeds, failing, articles, sources, trackers, alerts, alertsToday, unlogged) = try row.decode(
                (Int, Int, Int, Int, Int, Int, Int, Int).self)
            return StoreCounts(
                feeds: feeds, failingFeeds: failing, articles: articles, sources: sources, trackers: trackers, alerts: alerts,
                alertsToday: alertsToday, alertsUnlogged: unlogged)
        } catch {
            throw Self.storageError(error)
        }
    }

    public func forEachArticle(since: Date?, _ body: (ArticleRecord) -> Void) throws(StorageError) {
        var lastID: Int64 = 0
        while true {
            var statement = StatementBuilder("SELECT \(Self.articleColumns) FROM articles WHERE id > \(lastID)")
            if let since {
                let time = statement.bind(since)
                statement.append(" AND first_seen >= \(time)")
            }
            statement.append(" ORDER BY id LIMIT 500")
            let batch = try articles(statement.query)
            guard let last = batch.last?.id else { return }
            for article in batch { body(article) }
            lastID = last
        }
    }

    // MARK: Room

    /// Drops the texts of articles first seen before `cutoff`; titles stay, and stay searchable.
    public func dropBodies(firstSeenBefore cutoff: Date, batch: Int) throws(StorageError) -> Int {
        try execute("""
            UPDATE articles SET body = NULL, summary = NULL, content = NULL, text = '',
                search = to_tsvector('simple', COALESCE(title, ''))
            WHERE first_seen < \(cutoff) AND (body IS NOT NULL OR text != '' OR content IS NOT NULL OR summary IS NOT NULL)
            """)
    }

    public func fileBytes() throws(StorageError) -> Int {
        try count("SELECT pg_database_size(current_database())::bigint")
    }

    /// PostgreSQL reuses the room of deleted rows itself (autovacuum).
    public func releaseFreePages() throws(StorageError) -> Bool { true }

    public func reclaimSpace() throws(StorageError) {
        for table in ["articles", "article_sources", "alerts", "figure_observations", "alert_outbox", "feeds"] {
            try execute(PostgresQuery(unsafeSQL: "VACUUM (ANALYZE) \(table)"))
        }
    }
}

extension ArticleRecord {
    init(postgres row: PostgresRow) throws {
        let c = PostgresColumns(row)
        id = try c["id"]
        contentHash = PostgresStore.hashHex(try c["content_hash", as: ByteBuffer.self])
        title = try c["title"]
        url = try c["url"]
        published = try c["published"]
        updated = try c["updated"]
        author = try c["author"]
        categories = JSONText.decodeArray(try c["categories", as: String.self])
        firstSeen = try c["first_seen"]
        feedId = try c["feed_id"]
        revisionOf = try c["revision_of"]
        storyID = try c["story_id"]
        if let stored = try c["body", as: ByteBuffer?.self] {
            guard let body = ArticleBody(stored: Data(stored.readableBytesView)) else {
                throw StorageError.database("article \(id ?? 0): its stored body is damaged")
            }
            (summary, content, text, bodyIsPlainText) = (body.summary, body.content, body.text, body.isPlainText)
        } else {
            (summary, content, text, bodyIsPlainText) = (try c["summary"], try c["content"], try c["text"], false)
        }
    }
}
