import ArticleText
import FeedModel
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import PostgresNIO

extension PostgresStore {
    /// The write stage's transaction. Daemons may store the same content at the same moment: the
    /// content hash is UNIQUE and every insert is `ON CONFLICT DO NOTHING`, so the second one finds
    /// the first one's article and records a source instead. A deadlock between two such
    /// transactions (each waiting on a hash the other inserted) is retried from the start.
    public func ingest<T: Sendable>(_ body: @escaping @Sendable (any IngestSession) throws -> T) async throws(StorageError) -> T {
        try await Blocking.run { () throws(StorageError) -> T in try self.ingestNow(body) }
    }

    public func ingestNow<T>(_ body: (any IngestSession) throws -> T) throws(StorageError) -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try connections.transaction { connection in
                    try body(PostgresIngestSession(connection: connection, stories: stories, instance: instance, logger: logger))
                }
            } catch where attempt < 5 && Self.isTransient(error) {
                continue
            } catch {
                throw Self.storageError(error)
            }
        }
    }

    /// A deadlock or a serialization failure (or a transaction one of them rolled back while its
    /// caller went on): the transaction may succeed if run again.
    static func isTransient(_ error: any Error) -> Bool {
        if error is RolledBack { return true }
        guard let state = (error as? PSQLError)?.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }

    public func knownItems(feedID: Int64, guids: [String], contentHashes: [String]) throws(StorageError) -> KnownItems {
        var known = KnownItems()
        // Guids as stored (`PostgresText`), mapped back to the caller's.
        var asGiven: [String: [String]] = [:]
        for guid in guids { asGiven[PostgresText.clean(guid), default: []].append(guid) }
        do {
            for row in try rows("""
                SELECT s.guid, a.content_hash FROM article_sources s JOIN articles a ON a.id = s.article_id
                WHERE s.feed_id = \(feedID) AND s.guid = ANY(\(Array(asGiven.keys)))
                """) {
                let (guid, hash) = try row.decode((String, ByteBuffer).self)
                for given in asGiven[guid] ?? [] { known.hashByGuid[given] = PostgresStore.hashHex(hash) }
            }
            var statement = StatementBuilder("SELECT content_hash FROM articles WHERE content_hash IN (")
            for (index, hash) in contentHashes.enumerated() {
                let placeholder = statement.bind(ByteBuffer(bytes: Self.hashBytes(hash)))
                statement.append(index == 0 ? placeholder : ", " + placeholder)
            }
            statement.append(")")
            for row in contentHashes.isEmpty ? [] : try rows(statement.query) {
                known.storedHashes.insert(PostgresStore.hashHex(try row.decode(ByteBuffer.self)))
            }
        } catch {
            throw Self.storageError(error)
        }
        return known
    }

    /// A content hash as stored: its 32 bytes (the parser's hashes are always 64 hex digits); the
    /// text's own bytes if it is not one, as in SQLite.
    static func hashBytes(_ hex: String) -> [UInt8] {
        if hex.utf8.count == 64, let bytes = Hex.bytes(hex) { return bytes }
        return Array(hex.utf8)
    }

    static func hashHex(_ stored: ByteBuffer) -> String {
        let bytes = Array(stored.readableBytesView)
        if bytes.count == 32 { return Hex.lowercase(bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// One write transaction on one connection.
final class PostgresIngestSession: IngestSession {
    let connection: PostgresConnection
    let logger: Logger
    let ledger: any FigureLedger
    /// The daemon storing, which raises the alerts (`PostgresStore.instance`).
    let instance: String
    private let stories: StoryIndex
    private var pendingStories = StoryIndex.Fingerprints()
    private var storiesRead = false
    private var savepoints = 0
    private lazy var encoder = ArticleBodyEncoder()

    init(connection: PostgresConnection, stories: StoryIndex, instance: String, logger: Logger) {
        self.connection = connection
        self.stories = stories
        self.instance = instance
        self.logger = logger
        ledger = PostgresFigureLedger(connection: connection, logger: logger)
    }

    @discardableResult
    private func run(_ query: PostgresQuery) throws -> PostgresQueryResult {
        try connection.run(query, logger: logger)
    }

    func isolated<T>(_ body: () throws -> T) throws -> T {
        savepoints += 1
        let name = "feed_\(savepoints)"
        let pending = pendingStories.count
        try run(PostgresQuery(unsafeSQL: "SAVEPOINT \(name)"))
        do {
            let result = try body()
            try run(PostgresQuery(unsafeSQL: "RELEASE SAVEPOINT \(name)"))
            return result
        } catch {
            pendingStories.truncate(to: pending)
            // A deadlock has aborted the whole transaction: it is retried whole, not in part.
            if PostgresStore.isTransient(error) { throw error }
            try run(PostgresQuery(unsafeSQL: "ROLLBACK TO SAVEPOINT \(name)"))
            throw error
        }
    }

    /// One round trip reads what the store knows of the item (its guid's article in this feed,
    /// and an article with its content); a new article and its source are written by a second.
    func ingest(_ item: ParsedItem, body: Data?, fingerprint: UInt64??, feedID: Int64, at now: Date) throws -> IngestedItem {
        let item = item.postgresSafe
        let hash = ByteBuffer(bytes: PostgresStore.hashBytes(item.contentHash))
        let lookup = try run("""
            SELECT known.content_hash, known.root, (SELECT id FROM articles WHERE content_hash = \(hash))
            FROM (SELECT 1) AS one LEFT JOIN LATERAL (
                SELECT a.content_hash, COALESCE(a.revision_of, a.id) AS root
                FROM article_sources s JOIN articles a ON a.id = s.article_id
                WHERE s.feed_id = \(feedID) AND s.guid = \(item.id)) AS known ON true
            """).rows.first
        let (knownHash, root, existing) = try lookup?.decode((ByteBuffer?, Int64?, Int64?).self) ?? (nil, nil, nil)
        var revisionOf: Int64?
        if let knownHash {
            if PostgresStore.hashHex(knownHash) == item.contentHash { return .alreadySeen }
            if let existing {
                // Changed back, or into a copy of an article another feed brought.
                try moveSource(feedID: feedID, guid: item.id, to: existing, link: item.link, at: now)
                return .alreadySeen
            }
            revisionOf = root
        } else if let existing {
            try addSource(feedID: feedID, guid: item.id, article: existing, link: item.link, at: now)
            return .republished
        }
        if !storiesRead {
            try refreshStories()
            storiesRead = true
        }
        var article = ArticleRecord(item: item, feedID: feedID, seenAt: now, revisionOf: revisionOf)
        let print = fingerprint ?? StoryFingerprint.of(item.text)
        if let revisionOf {
            article.storyID = try run("SELECT COALESCE(story_id, id) FROM articles WHERE id = \(revisionOf)").rows.first?.decode(Int64.self)
        } else if let print {
            article.storyID = stories.story(of: print, pending: pendingStories)
        }
        let stored = (body ?? encoder.encode(article.body)).map { ByteBuffer(data: $0) }
        let (summary, content, text) = stored == nil ? (article.summary, article.content, article.text) : (nil, nil, "")
        let fingerprintColumn = print.map { Int64(bitPattern: $0) }
        // The article, and in the same statement its source: added for a new article, moved to
        // the new version for a revision. Nothing is written if another daemon stored this
        // content a moment ago (the unique hash); this feed then carries that article.
        let inserted = try run("""
            WITH inserted AS (
                INSERT INTO articles (content_hash, title, url, published, updated, author, summary, content, text, body,
                                      categories, first_seen, feed_id, revision_of, fingerprint, story_id, search)
                VALUES (\(hash), \(article.title), \(article.url), \(article.published), \(article.updated), \(article.author),
                        \(summary), \(content), \(text), \(stored), \(JSONText.array(article.categories)), \(now), \(feedID),
                        \(revisionOf), \(fingerprintColumn), \(article.storyID),
                        to_tsvector('simple', \(article.title ?? "") || ' ' || \(article.text)))
                ON CONFLICT (content_hash) DO NOTHING RETURNING id),
            added AS (
                INSERT INTO article_sources (feed_id, guid, article_id, link, seen_at)
                SELECT \(feedID), \(item.id), id, \(item.link), \(now) FROM inserted WHERE \(revisionOf == nil)
                ON CONFLICT DO NOTHING),
            moved AS (
                UPDATE article_sources SET article_id = inserted.id, link = \(item.link), seen_at = \(now) FROM inserted
                WHERE \(revisionOf != nil) AND feed_id = \(feedID) AND guid = \(item.id))
            SELECT id FROM inserted
            """).rows.first
        guard let inserted else {
            guard let existing = try self.article(hash: hash) else {
                throw StorageError.database("article \(item.contentHash) was stored and is gone")
            }
            if revisionOf == nil {
                try addSource(feedID: feedID, guid: item.id, article: existing, link: item.link, at: now)
                return .republished
            }
            return .alreadySeen
        }
        article.id = try inserted.decode(Int64.self)
        if let id = article.id, let print {
            pendingStories.append(StoryIndex.Entry(id: id, fingerprint: print, story: article.storyID ?? id))
        }
        return revisionOf == nil ? .new(article) : .revision(article)
    }

    private func moveSource(feedID: Int64, guid: String, to article: Int64, link: String?, at now: Date) throws {
        try run("""
            UPDATE article_sources SET article_id = \(article), link = \(link), seen_at = \(now)
            WHERE feed_id = \(feedID) AND guid = \(guid)
            """)
    }

    private func article(hash: ByteBuffer) throws -> Int64? {
        try run("SELECT id FROM articles WHERE content_hash = \(hash)").rows.first?.decode(Int64.self)
    }

    private func addSource(feedID: Int64, guid: String, article: Int64, link: String?, at now: Date) throws {
        try run("""
            INSERT INTO article_sources (feed_id, guid, article_id, link, seen_at) VALUES (\(feedID), \(guid), \(article), \(link), \(now))
            ON CONFLICT DO NOTHING
            """)
    }

    /// The story index learns the articles committed since it last read, before this transaction stores any.
    private func refreshStories() throws {
        let newest = try run("SELECT COALESCE(MAX(id), 0) FROM articles").rows.first?.decode(Int64.self) ?? 0
        let rows: [PostgresRow]
        if let last = stories.lastID {
            rows = try run("""
                SELECT id, fingerprint, COALESCE(story_id, id) FROM articles WHERE id > \(last) AND fingerprint IS NOT NULL ORDER BY id
                """).rows
        } else {
            rows = try run("""
                SELECT * FROM (SELECT id, fingerprint, COALESCE(story_id, id) FROM articles WHERE fingerprint IS NOT NULL
                ORDER BY id DESC LIMIT \(stories.capacity)) recent ORDER BY id
                """).rows
        }
        let entries = try rows.map { row in
            let (id, print, story) = try row.decode((Int64, Int64, Int64).self)
            return StoryIndex.Entry(id: id, fingerprint: UInt64(bitPattern: print), story: story)
        }
        stories.remember(entries, upTo: newest)
    }

    func insert(_ pending: PendingAlert, articleID: Int64?, story: Int64?, feedID: Int64?) throws -> EncodedAlert? {
        try PostgresStore.insert(pending, articleID: articleID, story: story, feedID: feedID, by: instance, on: connection, logger: logger)
    }

    func saveFetchState(_ feed: FeedRecord) throws {
        try PostgresStore.saveFetchState(feed, on: connection, logger: logger)
    }

    /// One statement for them all, in a savepoint: if it fails, the transaction stands.
    func saveFetchStates(_ feeds: [FeedRecord]) throws {
        try isolated { try PostgresStore.saveFetchStates(feeds, on: connection, logger: logger) }
    }

    func pauseHost(_ host: String, until: Date, reason: String) throws {
        try PostgresStore.pauseHost(host, until: until, reason: reason, on: connection, logger: logger)
    }

    func liftQuarantine(feedID: Int64) throws {
        try run("UPDATE feeds SET quarantined_body_hash = NULL, quarantined_at = NULL WHERE id = \(feedID)")
    }
}

/// What trackers remember, read and written in the transaction that stores an article. The
/// reported value is read with the tracker's row locked (`FOR UPDATE` in `reportedFigure`), so
/// two daemons never both compare with the same old value and both alert.
final class PostgresFigureLedger: FigureLedger {
    let connection: PostgresConnection
    let logger: Logger
    private var reported: [Int64: FigureObservation?] = [:]

    init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    func reportedFigure(trackerID: Int64) throws -> FigureObservation? {
        if let known = reported[trackerID] { return known }
        try connection.run("SELECT 1 FROM trackers WHERE id = \(trackerID) FOR UPDATE", logger: logger)
        let row = try connection.run("""
            SELECT \(unescaped: PostgresStore.observationColumns) FROM figure_observations
            WHERE tracker_id = \(trackerID) AND raised IS NOT NULL ORDER BY id DESC LIMIT 1
            """, logger: logger).rows.first
        let observation = try row.map(PostgresStore.observation)
        reported[trackerID] = .some(observation)
        return observation
    }

    @discardableResult
    func record(_ observation: FigureObservation) throws -> Bool {
        let observation = observation.postgresSafe
        let inserted = try connection.run("""
            INSERT INTO figure_observations
                (tracker_id, article_id, feed_id, value, unit, text, sentence, article_url, published, seen_at, raised, role,
                 status, attribution)
            VALUES (\(observation.trackerID), \(observation.articleID), \(observation.feedID), \(observation.value),
                    \(observation.unit), \(observation.text), \(observation.sentence), \(observation.articleURL),
                    \(observation.published), \(observation.seenAt), \(observation.raised), \(observation.role),
                    \(observation.status), \(observation.attribution))
            ON CONFLICT DO NOTHING
            """, logger: logger).metadata.rows ?? 0
        guard inserted > 0 else { return false }
        if observation.raised != nil { reported[observation.trackerID] = nil }
        return true
    }

    func outlets(trackerID: Int64, value: Double, unit: String, after: Int64?) throws -> [FigureOutlet] {
        let rows = try connection.run("""
            SELECT o.feed_id, COALESCE(f.title, f.url), o.status, COALESCE(a.story_id, a.id)
            FROM figure_observations o LEFT JOIN feeds f ON f.id = o.feed_id LEFT JOIN articles a ON a.id = o.article_id
            WHERE o.tracker_id = \(trackerID) AND o.value = \(value) AND o.unit = \(unit) AND o.id > \(after ?? 0) ORDER BY o.id
            """, logger: logger).rows
        var seen: Set<Int64> = []
        return try rows.compactMap { row in
            let (feed, name, status, story) = try row.decode((Int64?, String?, String?, Int64?).self)
            guard let feed, seen.insert(feed).inserted else { return nil }
            return FigureOutlet(feedID: feed, name: name ?? "feed \(feed)", status: status, story: story)
        }
    }

    func hasAlert(trackerID: Int64, inStory story: Int64) throws -> Bool {
        try !connection.run(
            "SELECT 1 FROM alerts WHERE tracker_id = \(trackerID) AND story_id = \(story) LIMIT 1", logger: logger
        ).rows.isEmpty
    }
}

/// A tracker being added, in the transaction that adds it.
final class PostgresTrackerSeeding: TrackerSeeding {
    let connection: PostgresConnection
    let logger: Logger
    let tracker: Tracker
    let ledger: any FigureLedger
    let instance: String

    init(connection: PostgresConnection, tracker: Tracker, instance: String, logger: Logger) {
        self.connection = connection
        self.instance = instance
        self.tracker = tracker
        self.logger = logger
        ledger = PostgresFigureLedger(connection: connection, logger: logger)
    }

    func articles(after id: Int64) throws -> [ArticleRecord] {
        try connection.run(
            "SELECT \(unescaped: PostgresStore.articleColumns) FROM articles WHERE id > \(id) ORDER BY id", logger: logger
        ).rows.map { try ArticleRecord(postgres: $0) }
    }

    func feeds() throws -> [Int64: FeedRecord] {
        let feeds = try connection.run("SELECT \(unescaped: PostgresStore.feedColumns) FROM feeds", logger: logger).rows.map(PostgresStore.feed)
        return Dictionary(feeds.compactMap { feed in feed.id.map { ($0, feed) } }) { first, _ in first }
    }

    func insert(_ pending: PendingAlert, articleID: Int64?, story: Int64?, feedID: Int64?) throws -> EncodedAlert? {
        try PostgresStore.insert(pending, articleID: articleID, story: story, feedID: feedID, by: instance, on: connection, logger: logger)
    }
}
