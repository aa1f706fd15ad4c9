import Dispatch
import Foundation
import GRDB
import Synchronization

/// The full-text index of the store's articles, in a database file of its own beside the
/// store's (`<database>.search`), written on a thread of its own.
///
/// SQLite lets one connection at a time write a file. In the store's file, indexing ran inside
/// the write stage's transactions, the critical path of a cold start; in a file of its own it
/// runs beside them, on the other core, after each commit (a cold start without trackers took
/// 13% less time: README, "Performance").
///
/// Guarantees:
/// - The index is derived data. Its file may be deleted, lost or left behind by a crash: what
///   it lacks is indexed again from the store (`catchUp`), and a file that does not belong to
///   the store beside it (a database restored from a backup) is rebuilt.
/// - `search_state.indexed_through`, written in the same transaction as the entries, is the
///   highest article id indexed, every lower one of the store's being indexed too. Articles are
///   indexed in id order and each once, whichever process indexes them: every indexing
///   transaction reads the mark under the file's write lock and skips what it covers.
/// - A process that may write the index sees every committed article in its queries
///   (`articles(matching:)` catches up first). A process that may only read it sees what the
///   writing process indexed, a moment behind its commits.
/// - Memory is bounded: at most `queuedBatches` write batches wait to be indexed; the write
///   stage waits (on the database's writer thread, never the cooperative pool) beyond that.
final class SearchIndex: Sendable {
    /// One article's indexed fields.
    struct Entry: Sendable {
        var id: Int64
        var title: String
        var text: String
    }

    static func path(forStore storePath: String) -> String { storePath + ".search" }

    /// Batches that may wait for the indexing thread: enough to ride out the moments the write
    /// stage outpaces it (a cold start without trackers took 5% less time than with two), few
    /// enough that at most about eight megabytes of text wait. With eight, a cold start of 2,000
    /// feeds peaked 3-4 MB higher and took no less time (README, "Performance").
    static let queuedBatches = 4
    /// Articles read from the store per transaction when catching up.
    static let catchUpBatch = 500
    /// When FTS5 merges the index's segments: once 64 of a size are there (SQLite's default is
    /// four), and within a write once 128 are (its default sixteen). A cold start indexes a
    /// hundred thousand articles; each merge rewrites what it merges. Merging less often, with
    /// batches taken together (`enqueue`), took a third off the CPU of indexing 50,000 articles
    /// and a fifth off a cold cycle's indexing, while a query over the extra segments still
    /// took about a millisecond (README, "Performance"). `compact` (`feedwatch vacuum`) merges
    /// them all.
    static let merging = [("automerge", 64), ("crisismerge", 128)]

    let path: String
    private let storePath: String
    /// The store, read when catching up (its reader connections).
    private let store: any DatabaseReader
    /// Writes the index; nil in a process that may not write it.
    private let writer: DatabaseQueue?
    /// Runs every write of `writer`, in the order they were asked for. Not the cooperative
    /// pool: indexing blocks on SQLite and the disk.
    private let queue = DispatchQueue(label: "feedwatch-search")
    private let room = DispatchSemaphore(value: SearchIndex.queuedBatches)
    /// Batches enqueued and not yet taken by the indexing thread, in the order they came.
    private let waiting = Mutex<[[Entry]]>([])

    /// Opens the index of the store at `storePath` for writing, creating it (or rebuilding one
    /// that cannot be read or belongs to another store); `store` reads the store.
    init(storePath: String, store: any DatabaseReader) throws {
        self.storePath = storePath
        self.store = store
        path = Self.path(forStore: storePath)
        do {
            writer = try Self.openWriter(path, store: store)
        } catch {
            // Derived data: an index that cannot be opened is made again.
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            writer = try Self.openWriter(path, store: store)
        }
    }

    /// The index of the store at `storePath`, for a process that only reads: nothing is created
    /// or written.
    init(readingFor storePath: String, store: any DatabaseReader) {
        self.storePath = storePath
        self.store = store
        path = Self.path(forStore: storePath)
        writer = nil
    }

    private static func openWriter(_ path: String, store: any DatabaseReader) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.label = "feedwatch-search"
        configuration.busyMode = .timeout(15)
        configuration.prepareDatabase { db in
            // Entries lost with the last commits before a power cut are indexed again from the
            // store; the file itself stays whole.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY")
        }
        try SQLiteStore.createIfMissing(path)
        let writer = try DatabaseQueue(path: path, configuration: configuration)
        try writer.write { db in
            // Whole words whatever their case or diacritics; contentless, as the texts stay
            // compressed in the store.
            if try !db.tableExists("search_state") {
                try db.execute(sql: """
                    CREATE VIRTUAL TABLE article_search USING fts5(
                        title, text, content='', tokenize='unicode61 remove_diacritics 2');
                    CREATE TABLE search_state (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        indexed_through INTEGER NOT NULL,
                        through_hash BLOB);
                    INSERT INTO search_state (id, indexed_through) VALUES (1, 0);
                    """)
            }
            // Set in indexes made with other values too (FTS5 keeps them in its config table).
            for (key, value) in Self.merging {
                let current = try Int.fetchOne(db, sql: "SELECT v FROM article_search_config WHERE k = ?", arguments: [key])
                if current != value {
                    try db.execute(sql: "INSERT INTO article_search (article_search, rank) VALUES (?, ?)", arguments: [key, value])
                }
            }
        }
        if try !belongs(writer, to: store) {
            try writer.write { db in
                try db.execute(sql: """
                    INSERT INTO article_search (article_search) VALUES ('delete-all');
                    UPDATE search_state SET indexed_through = 0, through_hash = NULL;
                    """)
            }
        }
        return writer
    }

    /// Whether the article the index was indexed through is the store's article of that id:
    /// a store replaced by an older copy or another database has other articles under its ids.
    private static func belongs(_ writer: DatabaseQueue, to store: any DatabaseReader) throws -> Bool {
        let (mark, hash) = try writer.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT indexed_through, through_hash FROM search_state")
            return (row?["indexed_through"] as Int64? ?? 0, row?["through_hash"] as DatabaseValue? ?? .null)
        }
        guard mark > 0 else { return true }
        let stored = try store.read { db in
            try DatabaseValue.fetchOne(db, sql: "SELECT content_hash FROM articles WHERE id = ?", arguments: [mark])
        }
        return stored == hash
    }

    // MARK: - Indexing

    /// Indexes the articles a write transaction stored, once it has committed, on the indexing
    /// thread. Called on the database's writer thread: it waits there while `queuedBatches`
    /// batches are waiting already. Batches that are waiting when the indexing thread comes to
    /// them are indexed in one transaction, in their order: when indexing lags (a cold start),
    /// FTS5 then writes fewer, larger segments and merges less. The index holds the same entries
    /// however they fall.
    func enqueue(_ entries: [Entry]) {
        guard let writer, !entries.isEmpty else { return }
        room.wait()
        waiting.withLock { $0.append(entries) }
        queue.async { [self] in
            // Empty when an earlier task took this batch with its own.
            let batches = waiting.withLock { waiting in
                defer { waiting.removeAll() }
                return waiting
            }
            defer { for _ in batches { room.signal() } }
            guard !batches.isEmpty else { return }
            // Batches that fail (a full disk) leave the mark where it was: the next indexing
            // transaction finds the gap and indexes these articles from the store.
            try? writer.inImmediateTransaction { db in
                for entries in batches { try index(entries, in: db) }
            }
        }
    }

    /// Indexes, on the indexing thread, what the store holds beyond the mark: the daemon's start
    /// after a crash, or after the index file was deleted.
    func startCatchUp() {
        guard writer != nil else { return }
        queue.async { [self] in try? catchUpNow() }
    }

    /// Waits for the batches queued so far, then indexes whatever else the store holds.
    func catchUp() throws {
        guard writer != nil else { return }
        try queue.sync { try catchUpNow() }
    }

    /// On `queue`.
    private func catchUpNow() throws {
        guard let writer else { return }
        var done = false
        while !done {
            try writer.inImmediateTransaction { db in
                let mark = try Self.mark(db)
                let reached = try indexStored(after: mark, before: nil, limit: Self.catchUpBatch, in: db)
                done = reached == mark
            }
        }
    }

    /// Inside an indexing transaction: the store's articles between the mark and the batch
    /// first, if any, then the batch's articles the mark does not cover.
    private func index(_ entries: [Entry], in db: Database) throws {
        guard let first = entries.first else { return }
        var mark = try Self.mark(db)
        while mark < first.id - 1 {
            let reached = try indexStored(after: mark, before: first.id, limit: Self.catchUpBatch, in: db)
            if reached == mark { break }
            mark = reached
        }
        let new = entries.filter { $0.id > mark }
        guard let last = new.last else { return }
        try Self.insert(new, in: db)
        try setMark(last.id, in: db)
    }

    private static func insert(_ entries: [Entry], in db: Database) throws {
        let insert = try db.cachedStatement(sql: "INSERT INTO article_search (rowid, title, text) VALUES (?, ?, ?)")
        for entry in entries {
            try BoundStatement(insert, binding: .init(entry.id), .init(entry.title), .init(entry.text)).execute()
        }
    }

    /// Indexes up to `limit` of the store's articles after `mark` (and before `end`), reading
    /// them as `ArticleRecord` gives them; returns the new mark (`mark` when there were none).
    private func indexStored(after mark: Int64, before end: Int64?, limit: Int, in db: Database) throws -> Int64 {
        let entries = try store.read { store in
            let rows = try Row.fetchCursor(
                store, sql: "SELECT * FROM articles WHERE id > ? AND id < ? ORDER BY id LIMIT ?",
                arguments: [mark, end ?? Int64.max, limit])
            var entries: [Entry] = []
            while let row = try rows.next() {
                let id: Int64 = row["id"]
                // A damaged body (see ArticleRecord) leaves the text out, not the title.
                let article = try? ArticleRecord(row: row)
                entries.append(Entry(id: id, title: article?.title ?? row["title"] ?? "", text: article?.text ?? ""))
            }
            return entries
        }
        guard let last = entries.last else { return mark }
        try Self.insert(entries, in: db)
        try setMark(last.id, in: db)
        return last.id
    }

    private static func mark(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT indexed_through FROM search_state") ?? 0
    }

    private func setMark(_ id: Int64, in db: Database) throws {
        let hash = try store.read { store in
            try DatabaseValue.fetchOne(store, sql: "SELECT content_hash FROM articles WHERE id = ?", arguments: [id])
        }
        try db.execute(sql: "UPDATE search_state SET indexed_through = ?, through_hash = ?", arguments: [id, hash ?? .null])
    }

    /// Articles whose bodies retention dropped: each entry is removed with the values it was
    /// made from (`text`, the body's text before), and the title alone goes back in. Runs after
    /// the batches queued before it; an article not yet indexed is left to `catchUp`, which reads
    /// it without its body.
    func keepTitlesOnly(_ entries: [Entry]) throws {
        guard let writer, !entries.isEmpty else { return }
        try queue.sync {
            try writer.inImmediateTransaction { db in
                let mark = try Self.mark(db)
                let unindex = try db.cachedStatement(
                    sql: "INSERT INTO article_search (article_search, rowid, title, text) VALUES ('delete', ?, ?, ?)")
                let index = try db.cachedStatement(sql: "INSERT INTO article_search (rowid, title, text) VALUES (?, ?, '')")
                for entry in entries where entry.id <= mark {
                    try unindex.execute(arguments: [entry.id, entry.title, entry.text])
                    try index.execute(arguments: [entry.id, entry.title])
                }
            }
        }
    }

    /// Merges the index's segments (removed entries are only marked so until then) and gives
    /// its free pages back to the file system.
    func compact() throws {
        guard let writer else { return }
        try queue.sync {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "INSERT INTO article_search (article_search) VALUES ('optimize')")
                try db.execute(sql: "PRAGMA incremental_vacuum")
                try db.checkpoint(.truncate)
            }
        }
    }

    /// The index file's size in bytes (pages in use and free), once queued batches are in; for
    /// a process that may only read it, the file's size.
    func fileBytes() throws -> Int {
        guard let writer else {
            return (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }
        return try queue.sync { try writer.read { db in try SQLiteStore.pageBytes(db) } }
    }

    /// Waits for queued batches, folds the index's log into its file and closes it.
    func close() {
        try? reader.withLock { $0 }?.close()
        guard let writer else { return }
        queue.sync {
            _ = try? writer.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
            try? writer.close()
        }
    }

    /// How many stored articles the index does not hold yet (0 when the index file is missing:
    /// a search then fails and says so).
    func lag() throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        let mark = try queryConnection().read { db in try Self.mark(db) }
        return try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM articles WHERE id > ?", arguments: [mark]) ?? 0 }
    }

    // MARK: - Queries

    /// Read-only, with the store attached, opened by the first query.
    private let reader = Mutex<DatabaseQueue?>(nil)

    private func queryConnection() throws -> DatabaseQueue {
        try reader.withLock { reader in
            if let reader { return reader }
            let opened: DatabaseQueue
            do {
                opened = try Self.openQueries(path, attaching: storePath)
            } catch {
                // A read-only medium, where SQLite cannot create the logs' shared-memory files:
                // both files are read as they were last checkpointed (as `SQLiteStore.forReading` does).
                func immutable(_ path: String) -> String { "file:\(SQLiteStore.uriEscaped(path))?immutable=1" }
                opened = try Self.openQueries(immutable(path), attaching: immutable(storePath))
            }
            reader = opened
            return opened
        }
    }

    private static func openQueries(_ path: String, attaching storePath: String) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(15)
        configuration.label = "feedwatch-search-query"
        configuration.prepareDatabase { db in
            try db.execute(sql: "ATTACH DATABASE ? AS store", arguments: [storePath])
        }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        // Opening is lazy: read once, so files that cannot be read fail here.
        _ = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM store.sqlite_master") }
        return queue
    }

    /// Articles matching an FTS5 query (`SearchQuery.fts5`), best first; `carriedBy`: only
    /// those one of these feeds carried.
    func articles(matching query: String, carriedBy feedIDs: Set<Int64>?, limit: Int) throws -> [ArticleRecord] {
        try catchUp()
        guard FileManager.default.fileExists(atPath: path) else {
            throw StorageError.database(
                "the search index \(path) is missing: feedwatchd, or any feedwatch command that writes, builds it again")
        }
        let reader = try queryConnection()
        let carried = feedIDs.map { ids in
            "AND a.id IN (SELECT article_id FROM store.article_sources WHERE feed_id IN (\(ids.sorted().map(String.init).joined(separator: ","))))"
        } ?? ""
        return try reader.read { db in
            try ArticleRecord.fetchAll(
                db,
                sql: """
                    SELECT a.* FROM article_search JOIN store.articles a ON a.id = article_search.rowid
                    WHERE article_search MATCH ? \(carried)
                    ORDER BY bm25(article_search, 5.0, 1.0), a.first_seen DESC, a.id DESC LIMIT ?
                    """,
                arguments: [query, limit])
        }
    }
}

extension DatabaseQueue {
    /// One write transaction that takes the file's write lock at once, so the mark it reads is
    /// the one it updates.
    fileprivate func inImmediateTransaction(_ body: (Database) throws -> Void) throws {
        try writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try body(db)
                return .commit
            }
        }
    }
}
