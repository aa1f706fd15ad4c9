import ArticleText
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

/// What storing one item did.
public enum IngestedItem: Sendable, Equatable {
    /// This feed delivered this content under this guid before.
    case alreadySeen
    /// Another feed (or another guid) had already brought this content.
    case republished
    /// Stored for the first time.
    case new(ArticleRecord)
    /// A known guid with new content: stored as a new version of its article.
    case revision(ArticleRecord)

    /// The article trackers read afresh, if any.
    public var article: ArticleRecord? {
        switch self {
        case .new(let article), .revision(let article): article
        case .alreadySeen, .republished: nil
        }
    }
}

extension SQLiteStore {
    /// Runs `body` in one write transaction, off the cooperative pool (on the database's own
    /// writer thread): the pipeline's write stage stores a batch of feeds with it. Either all of
    /// it is committed or none; `SQLiteIngestTransaction.isolated` lets one feed fail alone.
    public func ingest<T: Sendable>(_ body: @escaping @Sendable (any IngestSession) throws -> T) async throws(StorageError) -> T {
        do {
            let result = try await pool.writeWithoutTransaction { [stories, search] db in
                try Self.ingestTransaction(db, stories: stories, search: search, body)
            }
            requestCheckpoint()
            return result
        } catch {
            throw SQLiteStore.storageError(error)
        }
    }

    /// The same, for callers that are not tasks (the benchmark, tests of storage alone).
    public func ingestNow<T>(_ body: (any IngestSession) throws -> T) throws(StorageError) -> T {
        do {
            return try pool.writeWithoutTransaction { db in try Self.ingestTransaction(db, stories: stories, search: search, body) }
        } catch {
            throw SQLiteStore.storageError(error)
        }
    }

    /// One write transaction of `body`; once it has committed, the articles it stored go to the
    /// search index (on the writer's thread, which waits while the index is behind).
    private static func ingestTransaction<T>(
        _ db: Database, stories: StoryIndex, search: SearchIndex?, _ body: (any IngestSession) throws -> T
    ) throws -> T {
        var result: T?
        var stored: [SearchIndex.Entry] = []
        try db.inTransaction(.immediate) {
            let transaction = try SQLiteIngestTransaction(db: db, stories: stories)
            result = try body(transaction)
            stored = transaction.searchEntries
            return .commit
        }
        search?.enqueue(stored)
        guard let result else { throw StorageError.database("a write transaction ended without a result") }
        return result
    }

    /// What a feed's items are already known as: content hash by guid for this feed, and which of
    /// the items' content hashes are stored at all. A read from the last committed state, taken
    /// before the write stage so that only items that may be new are prepared for the trackers;
    /// the write stage decides for good.
    public func knownItems(feedID: Int64, guids: [String], contentHashes: [String]) throws(StorageError) -> KnownItems {
        try read { db in
            var known = KnownItems()
            let byGuid = try db.cachedStatement(sql: """
                SELECT a.content_hash FROM article_sources s JOIN articles a ON a.id = s.article_id
                WHERE s.feed_id = ? AND s.guid = ?
                """)
            for guid in guids {
                if let hash = try BoundStatement(byGuid, binding: .init(feedID), .init(guid)).firstRow({ $0.value(0) }) {
                    known.hashByGuid[guid] = ContentHashColumn.hex(hash)
                }
            }
            let byHash = try db.cachedStatement(sql: "SELECT 1 FROM articles WHERE content_hash = ?")
            for hash in contentHashes {
                if try BoundStatement(byHash, binding: .init(ContentHashColumn.stored(hash))).firstRow({ _ in true }) != nil {
                    known.storedHashes.insert(hash)
                }
            }
            return known
        }
    }
}

/// What the store already holds of one feed's items (see `SQLiteStore.knownItems`).
public struct KnownItems: Sendable, Equatable {
    public var hashByGuid: [String: String] = [:]
    public var storedHashes: Set<String> = []

    public init() {}

    /// Whether the item may be stored as a new article or revision (and so needs the trackers).
    public func mayBeNew(guid: String, contentHash: String) -> Bool {
        hashByGuid[guid] != contentHash && !storedHashes.contains(contentHash)
    }
}

/// The write stage's view of one transaction: inserts and ledger updates, nothing computed.
/// Statements are prepared once per transaction and reused for every item.
final class SQLiteIngestTransaction: IngestSession {
    let db: Database
    /// What trackers remember between articles, in this transaction.
    public let ledger: any FigureLedger
    private let knownSource: Statement
    private let articleByHash: Statement
    private let addSource: Statement
    private let moveSource: Statement
    private lazy var encoder = ArticleBodyEncoder()
    private let stories: StoryIndex
    /// Articles stored in this transaction, not yet in `stories` (which holds committed ones).
    private var pendingStories = StoryIndex.Fingerprints()
    /// `stories` has read what was committed before this transaction. Done before its first
    /// article is stored, and only then: a cycle whose feeds bring nothing new reads nothing.
    private var storiesRead = false
    private let storyOfArticle: Statement
    /// Articles stored in this transaction, for the search index once it has committed.
    private(set) var searchEntries: [SearchIndex.Entry] = []

    init(db: Database, stories: StoryIndex) throws {
        self.db = db
        self.stories = stories
        storyOfArticle = try db.cachedStatement(sql: "SELECT COALESCE(story_id, id) FROM articles WHERE id = ?")
        ledger = SQLiteFigureLedger(db: db)
        knownSource = try db.cachedStatement(sql: """
            SELECT a.content_hash, COALESCE(a.revision_of, a.id) AS root
            FROM article_sources s JOIN articles a ON a.id = s.article_id
            WHERE s.feed_id = ? AND s.guid = ?
            """)
        articleByHash = try db.cachedStatement(sql: "SELECT id FROM articles WHERE content_hash = ?")
        addSource = try db.cachedStatement(sql: """
            INSERT INTO article_sources (feed_id, guid, article_id, link, seen_at) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING
            """)
        moveSource = try db.cachedStatement(sql: """
            UPDATE article_sources SET article_id = ?, link = ?, seen_at = ? WHERE feed_id = ? AND guid = ?
            """)
    }

    /// Runs `body` inside a savepoint: if it throws, what it wrote is undone and the rest of the
    /// transaction stands (one feed that cannot be stored never costs the others in its batch).
    public func isolated<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        let (pending, pendingIndex) = (pendingStories.count, searchEntries.count)
        do {
            try db.inSavepoint {
                result = try body()
                return .commit
            }
        } catch {
            pendingStories.truncate(to: pending)
            searchEntries.removeSubrange(pendingIndex...)
            throw error
        }
        guard let result else { throw StorageError.database("a savepoint ended without a result") }
        return result
    }

    /// Stores one item of a feed, deduplicating by (feed, guid) and then by content hash. An item
    /// whose guid the feed delivered before with other content is a revision of its article.
    /// - Parameter body: the item's body already compressed (`ArticleBodyEncoder`), so the write
    ///   stage does not compress; nil: compressed here.
    /// - Parameter fingerprint: the item's `StoryFingerprint`, when the caller computed it
    ///   beforehand (`.some(nil)`: too short to have one); nil: computed here.
    public func ingest(
        _ item: ParsedItem, body: Data?, fingerprint: UInt64??, feedID: Int64, at now: Date
    ) throws -> IngestedItem {
        let seenAt = SQLDate.string(now)
        let hash = ContentHashColumn.stored(item.contentHash)
        var revisionOf: Int64?
        let known = try BoundStatement(knownSource, binding: .init(feedID), .init(item.id)).firstRow { (hash: $0.value(0), root: $0.int64(1)) }
        if let known {
            if ContentHashColumn.hex(known.hash) == item.contentHash { return .alreadySeen }
            if let existing = try article(withHash: hash) {
                // Changed back, or into a copy of an article another feed brought.
                try moveSource(feedID: feedID, guid: item.id, to: existing, link: item.link, seenAt: seenAt)
                return .alreadySeen
            }
            revisionOf = known.root
        } else if let existing = try article(withHash: hash) {
            try addSource(feedID: feedID, guid: item.id, article: existing, link: item.link, seenAt: seenAt)
            return .republished
        }
        if !storiesRead {
            // Before this transaction stores anything, so only committed articles are read.
            try stories.refresh(db)
            storiesRead = true
        }
        var article = ArticleRecord(item: item, feedID: feedID, seenAt: now, revisionOf: revisionOf)
        // A revision stays in its article's story; a new article joins the nearest recent one.
        let print = fingerprint ?? StoryFingerprint.of(item.text)
        if let revisionOf {
            article.storyID = try Int64.fetchOne(storyOfArticle, arguments: [revisionOf])
        } else if let print {
            article.storyID = stories.story(of: print, pending: pendingStories)
        }
        try SQLiteStore.insert(&article, hash: hash, body: body ?? encoder.encode(article.body), fingerprint: print, in: db)
        if let id = article.id {
            searchEntries.append(SearchIndex.Entry(id: id, title: article.title ?? "", text: article.text))
            if let print { pendingStories.append(StoryIndex.Entry(id: id, fingerprint: print, story: article.storyID ?? id)) }
        }
        if revisionOf == nil {
            try addSource(feedID: feedID, guid: item.id, article: article.id, link: item.link, seenAt: seenAt)
            return .new(article)
        }
        try moveSource(feedID: feedID, guid: item.id, to: article.id, link: item.link, seenAt: seenAt)
        return .revision(article)
    }

    private func article(withHash hash: DatabaseValue) throws -> Int64? {
        try BoundStatement(articleByHash, binding: .init(hash)).firstRow { $0.int64(0) } ?? nil
    }

    private func addSource(feedID: Int64, guid: String, article: Int64?, link: String?, seenAt: String?) throws {
        try BoundStatement(addSource, binding: .init(feedID), .init(guid), .init(article), .init(link), .init(seenAt)).execute()
    }

    private func moveSource(feedID: Int64, guid: String, to article: Int64?, link: String?, seenAt: String?) throws {
        try BoundStatement(moveSource, binding: .init(article), .init(link), .init(seenAt), .init(feedID), .init(guid)).execute()
    }

    /// Inserts an alert unless one exists for the same (tracker, article) or with the same id;
    /// returns it encoded (as stored, and as the log will take it) if it was inserted.
    /// - Parameter story: the article's story (`ArticleRecord.story`).
    public func insert(_ pending: PendingAlert, articleID: Int64?, story: Int64?, feedID: Int64?) throws -> EncodedAlert? {
        try SQLiteStore.insert(pending, articleID: articleID, story: story, feedID: feedID, in: db)
    }

    /// One savepoint for them all, not one per feed (two statements each, a third of the write
    /// stage's CPU in a warm cycle): if one fails, none is saved and the transaction stands.
    public func saveFetchStates(_ feeds: [FeedRecord]) throws {
        try isolated { for feed in feeds { try saveFetchState(feed) } }
    }

    public func saveFetchState(_ feed: FeedRecord) throws {
        try SQLiteStore.saveFetchState(feed, in: db)
    }

    public func pauseHost(_ host: String, until: Date, reason: String) throws {
        try SQLiteStore.pauseHost(host, until: until, reason: reason, in: db)
    }

    public func liftQuarantine(feedID: Int64) throws {
        try SQLiteStore.liftQuarantine(feedID: feedID, in: db)
    }
}

extension SQLiteStore {
    /// A prepared insert with the columns bound by hand: Codable record encoding costs more than
    /// SQLite itself when a cold start stores a hundred thousand articles.
    /// `body` is the compressed body; nil (zlib failed) stores the plain columns instead. The
    /// search index is the caller's (`SQLiteIngestTransaction.finish`).
    /// `hash` is `ContentHashColumn.stored(article.contentHash)`, which the caller looked it up by.
    static func insert(_ article: inout ArticleRecord, hash: DatabaseValue, body: Data?, fingerprint: UInt64?, in db: Database) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO articles (content_hash, title, url, published, updated, author, summary, content, text, body,
                                  categories, first_seen, feed_id, revision_of, fingerprint, story_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let plain = body == nil
        try BoundStatement(
            statement, binding: .init(hash), .init(article.title), .init(article.url), .init(SQLDate.string(article.published)),
            .init(SQLDate.string(article.updated)), .init(article.author), .init(plain ? article.summary : nil),
            .init(plain ? article.content : nil), .init(plain ? article.text : ""), .init(body), .init(JSONText.array(article.categories)),
            .init(SQLDate.string(article.firstSeen)), .init(article.feedId), .init(article.revisionOf),
            .init(fingerprint.map { Int64(bitPattern: $0) }), .init(article.storyID)
        ).execute()
        article.id = db.lastInsertedRowID
    }

    /// Inserts an alert unless one exists for the same (tracker, article) or with the same id;
    /// returns it encoded if it was inserted.
    static func insert(
        _ pending: PendingAlert, articleID: Int64?, story: Int64? = nil, feedID: Int64?, in db: Database
    ) throws -> EncodedAlert? {
        let encoded = EncodedAlert(pending.alert)
        let statement = try db.cachedStatement(sql: """
            INSERT INTO alerts (id, time, kind, tracker_id, tracker_name, feed_id, article_id, story_id, body, logged)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0) ON CONFLICT DO NOTHING
            """)
        try BoundStatement(
            statement, binding: .init(pending.alert.id), .init(SQLDate.string(pending.time)), .init(pending.alert.kind.rawValue),
            .init(pending.trackerID), .init(pending.alert.tracker), .init(feedID), .init(articleID),
            .init(articleID == nil ? nil : story ?? articleID), .init(encoded.line)
        ).execute()
        return db.changesCount > 0 ? encoded : nil
    }
}
