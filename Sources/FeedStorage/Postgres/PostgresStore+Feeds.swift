import FeedModel
import Foundation
import PostgresNIO

extension PostgresStore {
    static let feedColumns = """
        id, url, title, title_is_custom, interval_seconds, tags, added_at, etag, last_modified, body_hash, last_fetch_at,
        last_success_at, last_status, last_error, consecutive_failures, next_fetch_at, redirect_candidate,
        server_interval_seconds, quarantined_body_hash, quarantined_at, html_url, request_headers, credentials_file, proxy,
        paused_at
        """

    static func feed(_ row: PostgresRow) throws -> FeedRecord {
        let c = PostgresColumns(row)
        var feed = FeedRecord(url: try c["url"], addedAt: try c["added_at"])
        feed.id = try c["id", as: Int64.self]
        feed.title = try c["title"]
        feed.titleIsCustom = try c["title_is_custom"]
        feed.intervalSeconds = try c["interval_seconds"]
        feed.tags = JSONText.decodeArray(try c["tags", as: String.self])
        feed.etag = try c["etag"]
        feed.lastModified = try c["last_modified"]
        feed.bodyHash = try c["body_hash"]
        feed.lastFetchAt = try c["last_fetch_at"]
        feed.lastSuccessAt = try c["last_success_at"]
        feed.lastStatus = try c["last_status"]
        feed.lastError = try c["last_error"]
        feed.consecutiveFailures = try c["consecutive_failures"]
        feed.nextFetchAt = try c["next_fetch_at"]
        feed.redirectCandidate = try c["redirect_candidate"]
        feed.serverIntervalSeconds = try c["server_interval_seconds"]
        feed.quarantinedBodyHash = try c["quarantined_body_hash"]
        feed.quarantinedAt = try c["quarantined_at"]
        feed.htmlUrl = try c["html_url"]
        feed.requestHeaders = JSONText.decodeObject(try c["request_headers", as: String.self])
        feed.credentialsFile = try c["credentials_file"]
        feed.proxy = try c["proxy"]
        feed.pausedAt = try c["paused_at"]
        return feed
    }

    func feeds(_ query: PostgresQuery) throws(StorageError) -> [FeedRecord] {
        do {
            return try rows(query).map(Self.feed)
        } catch {
            throw Self.storageError(error)
        }
    }

    static func insert(_ feed: FeedRecord, on connection: PostgresConnection, logger: Logger) throws -> FeedRecord? {
        let feed = feed.postgresSafe
        let rows = try connection.run(
            """
            INSERT INTO feeds (url, title, title_is_custom, interval_seconds, tags, added_at, etag, last_modified, body_hash,
                               last_fetch_at, last_success_at, last_status, last_error, consecutive_failures, next_fetch_at,
                               redirect_candidate, server_interval_seconds, quarantined_body_hash, quarantined_at, html_url,
                               request_headers, credentials_file, proxy, paused_at, host)
            VALUES (\(feed.url), \(feed.title), \(feed.titleIsCustom), \(feed.intervalSeconds), \(JSONText.array(feed.tags)),
                    \(feed.addedAt), \(feed.etag), \(feed.lastModified), \(feed.bodyHash), \(feed.lastFetchAt), \(feed.lastSuccessAt),
                    \(feed.lastStatus), \(feed.lastError), \(feed.consecutiveFailures), \(feed.nextFetchAt), \(feed.redirectCandidate),
                    \(feed.serverIntervalSeconds), \(feed.quarantinedBodyHash), \(feed.quarantinedAt), \(feed.htmlUrl),
                    \(JSONText.object(feed.requestHeaders)), \(feed.credentialsFile), \(feed.proxy), \(feed.pausedAt),
                    \(FeedAddress.host(of: feed.url) ?? ""))
            ON CONFLICT (url) DO NOTHING RETURNING id
            """, logger: logger
        ).rows
        guard let row = rows.first else { return nil }
        var inserted = feed
        inserted.id = try row.decode(Int64.self)
        return inserted
    }

    public func addFeed(_ feed: FeedRecord) throws(StorageError) -> FeedRecord {
        let inserted = try transaction { connection in try Self.insert(feed, on: connection, logger: logger) }
        guard let inserted else { throw .feedExists(feed.url) }
        return inserted
    }

    public func addFeeds(_ feeds: [FeedRecord]) throws(StorageError) -> [FeedRecord] {
        try transaction { connection in try feeds.compactMap { try Self.insert($0, on: connection, logger: logger) } }
    }

    public func feeds() throws(StorageError) -> [FeedRecord] {
        try feeds(PostgresQuery(unsafeSQL: "SELECT \(Self.feedColumns) FROM feeds ORDER BY id"))
    }

    public func feeds(after id: Int64, limit: Int) throws(StorageError) -> [FeedRecord] {
        try feeds("SELECT \(unescaped: Self.feedColumns) FROM feeds WHERE id > \(id) ORDER BY id LIMIT \(max(limit, 1))")
    }

    public func feedTags(ids: Set<Int64>) throws(StorageError) -> [Int64: [String]] {
        guard !ids.isEmpty else { return [:] }
        var tags: [Int64: [String]] = [:]
        for feed in try feeds("SELECT \(unescaped: Self.feedColumns) FROM feeds WHERE id = ANY(\(Array(ids)))") where !feed.tags.isEmpty {
            if let id = feed.id { tags[id] = feed.tags }
        }
        return tags
    }

    public func feed(id: Int64) throws(StorageError) -> FeedRecord? {
        try feeds("SELECT \(unescaped: Self.feedColumns) FROM feeds WHERE id = \(id)").first
    }

    public func feed(url: String) throws(StorageError) -> FeedRecord? {
        try feeds("SELECT \(unescaped: Self.feedColumns) FROM feeds WHERE url = \(url)").first
    }

    public func feed(matching key: String) throws(StorageError) -> FeedRecord {
        if let id = Int64(key), let feed = try feed(id: id) { return feed }
        guard let feed = try feed(url: key) else { throw .feedNotFound(key) }
        return feed
    }

    public func removeFeed(id: Int64) throws(StorageError) {
        guard try execute("DELETE FROM feeds WHERE id = \(id)") > 0 else { throw .feedNotFound(String(id)) }
    }

    /// Leases up to `leaseBatch` due feeds to this daemon, soonest first, and of each host no
    /// more than `perHost` minus those other daemons hold: what one daemon leased, no other
    /// fetches until the lease is given back (`saveFetchState`) or expires. Of a host's places, a
    /// daemon holds at most its share among the daemons alive (a heartbeat in the last
    /// `heartbeatSeconds`), so that one busy daemon does not keep a host's places while the others
    /// wait. Daemons lease one at a time (an advisory lock held for the transaction), so two never
    /// count the same free places of a host.
    /// A daemon whose heartbeat is older is no longer counted among those sharing the work.
    static let heartbeatSeconds = 30.0

    public func dueFeeds(at now: Date) throws(StorageError) -> [FeedRecord] {
        try dueFeeds(at: now, after: nil, limit: leaseBatch)
    }

    /// Leases a page (`leaseBatch` at most): what this daemon leased is not due for it again
    /// while the lease lasts, which is what keeps a page from being handed out twice here.
    public func dueFeeds(at now: Date, after cursor: FeedRecord?, limit: Int) throws(StorageError) -> [FeedRecord] {
        let until = now.addingTimeInterval(leaseSeconds)
        let leased = try transaction { connection in
            try connection.run("SELECT pg_advisory_xact_lock(4657647264)", logger: logger)
            return try connection.run("""
                WITH busy AS (
                    SELECT host, COUNT(*) AS held, COUNT(*) FILTER (WHERE leased_by = \(instance)) AS mine
                    FROM feeds WHERE leased_until > \(now) GROUP BY host),
                others AS (
                    SELECT COUNT(*) AS alive FROM daemon_status
                    WHERE stopped_at IS NULL AND heartbeat_at > \(now.addingTimeInterval(-Self.heartbeatSeconds)) AND instance != \(instance)),
                ranked AS (
                    SELECT id, host, next_fetch_at, ROW_NUMBER() OVER (PARTITION BY host ORDER BY next_fetch_at, id) AS place
                    FROM feeds
                    WHERE next_fetch_at <= \(now) AND paused_at IS NULL AND (leased_until IS NULL OR leased_until <= \(now)))
                UPDATE feeds SET leased_by = \(instance), leased_until = \(until)
                WHERE id IN (
                    SELECT r.id FROM ranked r LEFT JOIN busy b ON b.host = r.host CROSS JOIN others
                    WHERE r.place + COALESCE(b.held, 0) <= \(perHost)
                        AND r.place + COALESCE(b.mine, 0) <= CEIL(\(perHost)::float8 / (others.alive + 1))
                    ORDER BY r.next_fetch_at, r.id LIMIT \(max(1, min(limit, leaseBatch))))
                RETURNING \(unescaped: Self.feedColumns)
                """, logger: logger).rows.map(Self.feed)
        }
        return leased.sorted { ($0.nextFetchAt, $0.id ?? 0) < ($1.nextFetchAt, $1.id ?? 0) }
    }

    public func editFeed(
        id: Int64, title: String?, intervalSeconds: Int??, addTags: [String], removeTags: [String],
        requestOptions: @Sendable (inout FeedRecord) -> Void
    ) throws(StorageError) -> FeedRecord {
        try transaction { connection in
            let rows = try connection.run(
                "SELECT \(unescaped: Self.feedColumns) FROM feeds WHERE id = \(id) FOR UPDATE", logger: logger
            ).rows
            guard let row = rows.first else { throw StorageError.feedNotFound(String(id)) }
            var feed = try Self.feed(row)
            feed.edit(title: title, intervalSeconds: intervalSeconds, addTags: addTags, removeTags: removeTags, requestOptions: requestOptions)
            try connection.run(
                """
                UPDATE feeds SET title = \(feed.title), title_is_custom = \(feed.titleIsCustom),
                    interval_seconds = \(feed.intervalSeconds), tags = \(JSONText.array(feed.tags)),
                    request_headers = \(JSONText.object(feed.requestHeaders)), credentials_file = \(feed.credentialsFile),
                    proxy = \(feed.proxy)
                WHERE id = \(id)
                """, logger: logger)
            return feed
        }
    }

    public func setPaused(feedIDs: [Int64], at pausedAt: Date?, now: Date) throws(StorageError) {
        if let pausedAt {
            try execute("UPDATE feeds SET paused_at = \(pausedAt) WHERE id = ANY(\(feedIDs))")
        } else {
            try execute("UPDATE feeds SET paused_at = NULL, next_fetch_at = \(now) WHERE id = ANY(\(feedIDs)) AND paused_at IS NOT NULL")
        }
    }

    public func saveFetchState(_ feed: FeedRecord) throws(StorageError) {
        try transaction { connection in try Self.saveFetchState(feed, on: connection, logger: logger) }
    }

    /// Saves the columns the fetcher owns (a CLI edit made meanwhile survives) and ends the lease.
    static func saveFetchState(_ feed: FeedRecord, on connection: PostgresConnection, logger: Logger) throws {
        try saveFetchStates([feed], on: connection, logger: logger)
    }

    /// Saves the fetch states of many feeds, a statement per thousand: a warm cycle's states
    /// cost a round trip per batch, not three per feed (a savepoint, the update, its release).
    /// Each row keeps a custom title, and its URL when another feed holds the new one, and ends
    /// its lease; each statement fails or succeeds whole.
    static func saveFetchStates(_ feeds: [FeedRecord], on connection: PostgresConnection, logger: Logger) throws {
        let feeds = feeds.compactMap { feed in feed.id.map { ($0, feed.postgresSafe) } }
        // 15 parameters a row, well within the protocol's 65,535.
        for start in stride(from: 0, to: feeds.count, by: 1_000) {
            var statement = StatementBuilder("""
                UPDATE feeds AS f SET
                    url = CASE WHEN EXISTS (SELECT 1 FROM feeds other WHERE other.url = v.url AND other.id != f.id)
                               THEN f.url ELSE v.url END,
                    title = CASE WHEN f.title_is_custom THEN f.title ELSE v.title END, etag = v.etag,
                    last_modified = v.last_modified, body_hash = v.body_hash, last_fetch_at = v.last_fetch_at,
                    last_success_at = v.last_success_at, last_status = v.last_status, last_error = v.last_error,
                    consecutive_failures = v.consecutive_failures, next_fetch_at = v.next_fetch_at,
                    redirect_candidate = v.redirect_candidate, server_interval_seconds = v.server_interval_seconds,
                    host = CASE WHEN EXISTS (SELECT 1 FROM feeds other WHERE other.url = v.url AND other.id != f.id)
                                THEN f.host ELSE v.host END,
                    leased_by = NULL, leased_until = NULL
                FROM (VALUES
                """)
            for (offset, (id, feed)) in feeds[start..<min(start + 1_000, feeds.count)].enumerated() {
                // Typed, as a column of NULLs in VALUES would otherwise be text.
                let values = [
                    statement.bind(id) + "::bigint", statement.bind(feed.url) + "::text",
                    statement.bindOptional(feed.title) + "::text", statement.bindOptional(feed.etag) + "::text",
                    statement.bindOptional(feed.lastModified) + "::text", statement.bindOptional(feed.bodyHash) + "::text",
                    statement.bindOptional(feed.lastFetchAt) + "::timestamptz",
                    statement.bindOptional(feed.lastSuccessAt) + "::timestamptz",
                    statement.bindOptional(feed.lastStatus) + "::bigint", statement.bindOptional(feed.lastError) + "::text",
                    statement.bind(feed.consecutiveFailures) + "::bigint", statement.bind(feed.nextFetchAt) + "::timestamptz",
                    statement.bindOptional(feed.redirectCandidate) + "::text",
                    statement.bindOptional(feed.serverIntervalSeconds) + "::bigint",
                    statement.bind(FeedAddress.host(of: feed.url) ?? "") + "::text",
                ]
                statement.append((offset == 0 ? "(" : ", (") + values.joined(separator: ", ") + ")")
            }
            statement.append("""
                ) AS v(id, url, title, etag, last_modified, body_hash, last_fetch_at, last_success_at, last_status,
                       last_error, consecutive_failures, next_fetch_at, redirect_candidate, server_interval_seconds, host)
                WHERE f.id = v.id
                """)
            try connection.run(statement.query, logger: logger)
        }
    }

    public func articleCountsByFeed() throws(StorageError) -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        do {
            for row in try rows("SELECT feed_id, COUNT(*) FROM article_sources GROUP BY feed_id") {
                let (feed, count) = try row.decode((Int64, Int).self)
                counts[feed] = count
            }
        } catch {
            throw Self.storageError(error)
        }
        return counts
    }

    public func quarantine(feedID: Int64, bodyHash: String, at now: Date, reason: String) throws(StorageError) {
        try execute(
            "UPDATE feeds SET quarantined_body_hash = \(bodyHash), quarantined_at = \(now), last_error = \(reason) WHERE id = \(feedID)")
    }

    public func liftQuarantine(feedID: Int64) throws(StorageError) {
        try execute("UPDATE feeds SET quarantined_body_hash = NULL, quarantined_at = NULL WHERE id = \(feedID)")
    }

    public func makeDue(feedIDs: [Int64], at now: Date) throws(StorageError) {
        guard !feedIDs.isEmpty else { return }
        try execute("UPDATE feeds SET next_fetch_at = \(now) WHERE id = ANY(\(feedIDs))")
    }

    // MARK: Hosts

    public func pauseHost(_ host: String, until: Date, reason: String) throws(StorageError) {
        try transaction { connection in try Self.pauseHost(host, until: until, reason: reason, on: connection, logger: logger) }
    }

    /// A host's pause, kept until the latest time any daemon set: politeness holds across daemons.
    static func pauseHost(_ host: String, until: Date, reason: String, on connection: PostgresConnection, logger: Logger) throws {
        try connection.run(
            """
            INSERT INTO host_pauses (host, until, reason) VALUES (\(host), \(until), \(reason))
            ON CONFLICT (host) DO UPDATE SET until = GREATEST(host_pauses.until, excluded.until), reason = excluded.reason
            """, logger: logger)
    }

    public func hostPauses(after now: Date) throws(StorageError) -> [String: Date] {
        var pauses: [String: Date] = [:]
        for pause in try hostPauseList(after: now) { pauses[pause.host] = pause.until }
        return pauses
    }

    public func hostPauseList(after now: Date) throws(StorageError) -> [HostPause] {
        do {
            return try rows("SELECT host, until, reason FROM host_pauses WHERE until > \(now) ORDER BY until, host").map { row in
                let (host, until, reason) = try row.decode((String, Date, String).self)
                return HostPause(host: host, until: until, reason: reason)
            }
        } catch {
            throw Self.storageError(error)
        }
    }

    public func capHostPauses(at latest: Date) throws(StorageError) {
        try execute("UPDATE host_pauses SET until = \(latest) WHERE until > \(latest)")
    }

    @discardableResult
    public func liftHostPause(_ host: String) throws(StorageError) -> Bool {
        try execute("DELETE FROM host_pauses WHERE host = \(host)") > 0
    }
}
