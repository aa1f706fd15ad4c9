import FeedModel
import Foundation
import GRDB
import NIOCore
import NIOFoundationCompat
import PostgresNIO

/// What `feedwatch migrate --to` copied: each table's rows, counted in both databases afterwards.
public struct MigratedTable: Sendable, Equatable, Encodable {
    public var table: String
    public var source: Int
    public var copied: Int
}

/// Copies an SQLite database into an empty PostgreSQL one: feeds, articles and their sources,
/// trackers, figure history, alerts, the outbox, sinks' message counts and host pauses, with their
/// ids, so alerts and the outbox still name the same articles and feeds.
///
/// The SQLite side is read in one read transaction (a consistent snapshot, also while a daemon
/// writes); the PostgreSQL side is written in one transaction, so a failure leaves it empty. The
/// counts of every table are compared before it commits.
public enum PostgresMigration {
    /// Column kinds, for reading each value as the type PostgreSQL's column takes.
    enum Kind { case int, text, bool, real, date }

    static let tables: [(name: String, key: String, columns: [(String, Kind)])] = [
        ("feeds", "id", [
            ("id", .int), ("url", .text), ("title", .text), ("title_is_custom", .bool), ("interval_seconds", .int), ("tags", .text),
            ("added_at", .date), ("etag", .text), ("last_modified", .text), ("body_hash", .text), ("last_fetch_at", .date),
            ("last_success_at", .date), ("last_status", .int), ("last_error", .text), ("consecutive_failures", .int),
            ("next_fetch_at", .date), ("redirect_candidate", .text), ("server_interval_seconds", .int),
            ("quarantined_body_hash", .text), ("quarantined_at", .date), ("html_url", .text), ("request_headers", .text),
            ("credentials_file", .text), ("proxy", .text), ("paused_at", .date),
        ]),
        ("article_sources", "rowid", [("feed_id", .int), ("guid", .text), ("article_id", .int), ("link", .text), ("seen_at", .date)]),
        ("trackers", "id", [("id", .int), ("name", .text), ("kind", .text), ("rule", .text), ("scope", .text), ("tags", .text), ("created_at", .date)]),
        ("figure_observations", "id", [
            ("id", .int), ("tracker_id", .int), ("article_id", .int), ("feed_id", .int), ("value", .real), ("unit", .text),
            ("text", .text), ("sentence", .text), ("article_url", .text), ("published", .date), ("seen_at", .date),
            ("raised", .text), ("role", .text), ("status", .text), ("attribution", .text),
        ]),
        ("alerts", "seq", [
            ("seq", .int), ("id", .text), ("time", .date), ("kind", .text), ("tracker_id", .int), ("tracker_name", .text),
            ("feed_id", .int), ("article_id", .int), ("story_id", .int), ("body", .text), ("logged", .bool),
        ]),
        ("alert_outbox", "rowid", [
            ("alert_id", .text), ("sink", .text), ("attempts", .int), ("next_attempt_at", .date), ("last_attempt_at", .date),
            ("last_error", .text), ("delivered_at", .date), ("created_at", .date),
        ]),
        ("sink_messages", "id", [("id", .int), ("sink", .text), ("sent_at", .date), ("alerts", .int)]),
        ("host_pauses", "host", [("host", .text), ("until", .date), ("reason", .text)]),
    ]

    /// Tables whose ids come from an identity, moved past the copied ids.
    static let identities = [("feeds", "id"), ("articles", "id"), ("trackers", "id"), ("figure_observations", "id"), ("alerts", "seq"),
                             ("sink_messages", "id")]

    /// - Parameter progress: called with each table's name as its copy starts.
    public static func copy(
        from source: SQLiteStore, to target: PostgresStore, progress: (String) -> Void = { _ in }
    ) throws(StorageError) -> [MigratedTable] {
        do {
            return try source.pool.read { db in
                try target.connections.transaction { connection in
                    try requireEmpty(connection, logger: target.logger)
                    var report: [MigratedTable] = []
                    for table in ["feeds", "articles"] + tables.dropFirst().map(\.name) {
                        progress(table)
                        if table == "articles" {
                            try copyArticles(db, to: connection, logger: target.logger)
                        } else if let spec = tables.first(where: { $0.name == table }) {
                            try copy(spec, from: db, to: connection, logger: target.logger)
                        }
                        let counted = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
                        let copied = try connection.run(PostgresQuery(unsafeSQL: "SELECT COUNT(*) FROM \(table)"), logger: target.logger)
                            .rows.first?.decode(Int.self) ?? 0
                        guard counted == copied else {
                            throw StorageError.database("\(table): \(counted) rows in SQLite, \(copied) copied; nothing was kept")
                        }
                        report.append(MigratedTable(table: table, source: counted, copied: copied))
                    }
                    for (table, column) in identities {
                        try connection.run(PostgresQuery(unsafeSQL: """
                            SELECT setval(pg_get_serial_sequence('\(table)', '\(column)'), COALESCE(MAX(\(column)), 0) + 1, false) FROM \(table)
                            """), logger: target.logger)
                    }
                    return report
                }
            }
        } catch {
            throw PostgresStore.storageError(error)
        }
    }

    private static func requireEmpty(_ connection: PostgresConnection, logger: Logger) throws {
        let row = try connection.run(
            "SELECT (SELECT COUNT(*) FROM feeds), (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM trackers), (SELECT COUNT(*) FROM alerts)",
            logger: logger
        ).rows.first
        let (feeds, articles, trackers, alerts) = try row?.decode((Int, Int, Int, Int).self) ?? (0, 0, 0, 0)
        guard feeds + articles + trackers + alerts == 0 else {
            throw StorageError.database(
                "the PostgreSQL database already holds \(Plural.count(feeds, "feed")), \(Plural.count(articles, "article")), "
                    + "\(Plural.count(trackers, "tracker")) and \(Plural.count(alerts, "alert")): migrate into an empty database")
        }
    }

    private static func copy(
        _ spec: (name: String, key: String, columns: [(String, Kind)]), from db: Database, to connection: PostgresConnection, logger: Logger
    ) throws {
        let names = spec.columns.map(\.0).joined(separator: ", ")
        let rows = try Row.fetchCursor(db, sql: "SELECT \(names) FROM \(spec.name) ORDER BY \(spec.key)")
        while let row = try rows.next() {
            var statement = StatementBuilder("INSERT INTO \(spec.name) (\(names)) VALUES (")
            for (index, (_, kind)) in spec.columns.enumerated() {
                let placeholder: String
                switch kind {
                case .int: placeholder = statement.bindOptional(row[index] as Int64?)
                case .text: placeholder = statement.bindOptional(row[index] as String?)
                case .bool: placeholder = statement.bindOptional(row[index] as Bool?)
                case .real: placeholder = statement.bindOptional(row[index] as Double?)
                case .date: placeholder = statement.bindOptional(row[index] as Date?)
                }
                statement.append(index == 0 ? placeholder : ", " + placeholder)
            }
            statement.append(")")
            try connection.run(statement.query, logger: logger)
        }
    }

    /// Articles keep their stored form (a compressed body, or the plain columns of old rows);
    /// the search column is made from each one's title and text (the title alone when a damaged
    /// body has no text to give: the row is copied as it is all the same).
    private static func copyArticles(_ db: Database, to connection: PostgresConnection, logger: Logger) throws {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, content_hash, title, url, published, updated, author, summary, content, text, body, categories, first_seen,
                   feed_id, revision_of, fingerprint, story_id
            FROM articles ORDER BY id
            """)
        while let row = try rows.next() {
            let id: Int64 = row["id"]
            let hash = ByteBuffer(bytes: PostgresStore.hashBytes(ContentHashColumn.hex(row["content_hash"] as DatabaseValue)))
            let stored: Data? = row["body"]
            let title: String? = row["title"]
            let text: String? = row["text"]
            let searchable = stored.flatMap(ArticleBody.init(stored:))?.text ?? text ?? ""
            let published: Date? = row["published"]
            let updated: Date? = row["updated"]
            let firstSeen: Date = row["first_seen"]
            let (url, author, summary, content, categories): (String?, String?, String?, String?, String?) = (
                row["url"], row["author"], row["summary"], row["content"], row["categories"])
            let (feed, revisionOf, fingerprint, story): (Int64?, Int64?, Int64?, Int64?) = (
                row["feed_id"], row["revision_of"], row["fingerprint"], row["story_id"])
            try connection.run("""
                INSERT INTO articles (id, content_hash, title, url, published, updated, author, summary, content, text, body,
                                      categories, first_seen, feed_id, revision_of, fingerprint, story_id, search)
                VALUES (\(id), \(hash), \(title), \(url), \(published), \(updated), \(author), \(summary), \(content),
                        \(text ?? ""), \(stored.map { ByteBuffer(data: $0) }), \(categories ?? "[]"), \(firstSeen), \(feed),
                        \(revisionOf), \(fingerprint), \(story), to_tsvector('simple', \(title ?? "") || ' ' || \(searchable)))
                """, logger: logger)
        }
    }
}
