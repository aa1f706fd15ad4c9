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

    /// Read column by column: decoding 2,000 feeds through `Decodable` took a fifth of a warm
    /// cycle's CPU. A value the column cannot hold throws, as decoding did.
    public init(row: Row) throws {
        id = try row.decode(forColumn: "id")
        url = try row.decode(forColumn: "url")
        title = try row.decode(forColumn: "title")
        titleIsCustom = try row.decode(forColumn: "title_is_custom")
        intervalSeconds = try row.decode(forColumn: "interval_seconds")
        tags = JSONText.decodeArray(try row.decode(forColumn: "tags"))
        addedAt = try row.decode(forColumn: "added_at")
        etag = try row.decode(forColumn: "etag")
        lastModified = try row.decode(forColumn: "last_modified")
        bodyHash = try row.decode(forColumn: "body_hash")
        lastFetchAt = try row.decode(forColumn: "last_fetch_at")
        lastSuccessAt = try row.decode(forColumn: "last_success_at")
        lastStatus = try row.decode(forColumn: "last_status")
        lastError = try row.decode(forColumn: "last_error")
        consecutiveFailures = try row.decode(forColumn: "consecutive_failures")
        nextFetchAt = try row.decode(forColumn: "next_fetch_at")
        redirectCandidate = try row.decode(forColumn: "redirect_candidate")
        serverIntervalSeconds = try row.decode(forColumn: "server_interval_seconds")
        quarantinedBodyHash = try row.decode(forColumn: "quarantined_body_hash")
        quarantinedAt = try row.decode(forColumn: "quarantined_at")
        htmlUrl = try row.decode(forColumn: "html_url")
        requestHeaders = JSONText.decodeObject(try row.decode(forColumn: "request_headers"))
        credentialsFile = try row.decode(forColumn: "credentials_file")
        proxy = try row.decode(forColumn: "proxy")
        pausedAt = try row.decode(forColumn: "paused_at")
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
