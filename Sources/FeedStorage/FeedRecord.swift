import Foundation
import GRDB

/// A feed and its fetch state: what `feedwatch feed list` shows and what the scheduler reads.
public struct FeedRecord: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "feeds"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var url: String
    public var title: String?
    /// The user named the feed: its own title never replaces that.
    public var titleIsCustom: Bool
    /// nil: the configured default interval.
    public var intervalSeconds: Int?
    public var tags: [String]
    public var addedAt: Date
    public var etag: String?
    public var lastModified: String?
    /// SHA-256 of the last body parsed, to skip parsing an unchanged body from a server without validators.
    public var bodyHash: String?
    public var lastFetchAt: Date?
    public var lastSuccessAt: Date?
    /// HTTP status of the last response (200 for files), nil if the last attempt got none.
    public var lastStatus: Int?
    public var lastError: String?
    public var consecutiveFailures: Int
    public var nextFetchAt: Date
    /// Where the last poll was permanently redirected; the URL changes when the next poll agrees.
    public var redirectCandidate: String?
    /// The interval the feed itself asks for (RSS `<ttl>`, `Cache-Control: max-age`).
    public var serverIntervalSeconds: Int?
    /// SHA-256 of a body FeedWatch died while reading: that body is skipped, unread, until the
    /// feed serves another one (or `feedwatch feed resume` lifts the quarantine).
    public var quarantinedBodyHash: String?
    public var quarantinedAt: Date?
    /// The site the feed belongs to (its `<link>`, or OPML's `htmlUrl`).
    public var htmlUrl: String?
    /// Headers sent with each request for this feed (`feed add --header`, `--user-agent`).
    public var requestHeaders: [String: String] = [:]
    /// A file whose first line is USER:PASSWORD, read at each fetch (HTTP basic authentication).
    public var credentialsFile: String?
    /// The proxy its requests go through (`feed add --proxy`); nil: the environment's.
    public var proxy: String?
    /// The user paused it (`feedwatch feed pause`): not polled until `feedwatch feed resume`.
    public var pausedAt: Date?

    public init(url: String, title: String? = nil, intervalSeconds: Int? = nil, tags: [String] = [], addedAt: Date) {
        self.url = url
        self.title = title
        titleIsCustom = title != nil
        self.intervalSeconds = intervalSeconds
        self.tags = tags
        self.addedAt = addedAt
        consecutiveFailures = 0
        nextFetchAt = addedAt
    }

    /// The columns a feed is read from, in the order `init(row:)` reads them.
    static let columns = [
        "id", "url", "title", "title_is_custom", "interval_seconds", "tags", "added_at", "etag", "last_modified",
        "body_hash", "last_fetch_at", "last_success_at", "last_status", "last_error", "consecutive_failures",
        "next_fetch_at", "redirect_candidate", "server_interval_seconds", "quarantined_body_hash", "quarantined_at",
        "html_url", "request_headers", "credentials_file", "proxy", "paused_at",
    ]

    /// Every request for feeds selects `columns`, in that order, so rows are read by position.
    public static var databaseSelection: [any SQLSelectable] { columns.map { Column($0) } }

    /// Read column by column (decoding 2,000 feeds through `Decodable` took a fifth of a warm
    /// cycle's CPU) and by position (looking each name up in each row, 3%). A value the column
    /// cannot hold throws, as decoding did.
    public init(row: Row) throws {
        assert(Array(row.columnNames) == Self.columns, "a feed read from columns other than FeedRecord.columns")
        var column = ColumnCursor(row: row)
        id = try column.next()
        url = try column.next()
        title = try column.next()
        titleIsCustom = try column.next()
        intervalSeconds = try column.next()
        tags = JSONText.decodeArray(try column.next())
        addedAt = try column.next()
        etag = try column.next()
        lastModified = try column.next()
        bodyHash = try column.next()
        lastFetchAt = try column.next()
        lastSuccessAt = try column.next()
        lastStatus = try column.next()
        lastError = try column.next()
        consecutiveFailures = try column.next()
        nextFetchAt = try column.next()
        redirectCandidate = try column.next()
        serverIntervalSeconds = try column.next()
        quarantinedBodyHash = try column.next()
        quarantinedAt = try column.next()
        htmlUrl = try column.next()
        requestHeaders = JSONText.decodeObject(try column.next())
        credentialsFile = try column.next()
        proxy = try column.next()
        pausedAt = try column.next()
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// `paused`, `ok`, `failing`, `quarantined` or `new` (never fetched).
    public var health: String {
        if pausedAt != nil { return "paused" }
        if quarantinedBodyHash != nil { return "quarantined" }
        if lastFetchAt == nil { return "new" }
        return lastError == nil ? "ok" : "failing"
    }
}

/// A row's values in column order, each decoded as the type asked for.
private struct ColumnCursor {
    let row: Row
    private var index = 0

    init(row: Row) {
        self.row = row
    }

    mutating func next<Value: DatabaseValueConvertible>() throws -> Value {
        defer { index += 1 }
        return try row.decode(atIndex: index)
    }

    /// Values SQLite hands over without a `DatabaseValue` in between (strings, numbers).
    mutating func next<Value: DatabaseValueConvertible & StatementColumnConvertible>() throws -> Value {
        defer { index += 1 }
        return try row.decode(atIndex: index)
    }

    /// Dates as `SQLDate` reads them; one that is missing or unreadable throws as GRDB's
    /// decoding does.
    mutating func next() throws -> Date {
        defer { index += 1 }
        return try SQLDate.date(row[index]) ?? row.decode(atIndex: index)
    }

    mutating func next() throws -> Date? {
        defer { index += 1 }
        let value: DatabaseValue = row[index]
        return value.isNull ? nil : try SQLDate.date(value) ?? row.decode(atIndex: index)
    }
}
