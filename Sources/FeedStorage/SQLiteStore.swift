import Foundation
import GRDB
import Synchronization

/// The SQLite database: the one source of truth shared by the daemon and the CLI.
///
/// WAL mode lets the CLI read while the daemon writes; a busy timeout makes concurrent writers
/// wait for each other instead of failing with "database is locked". Every public method is
/// one transaction.
public final class SQLiteStore: FeedDatabase {
    let pool: any DatabaseWriter
    public let path: String
    public var location: String { path }
    /// The writer connection's page cache: enough for the hash-keyed indexes of a few hundred
    /// thousand articles and alerts, so a cold start does not thrash, and bounded whatever the
    /// database grows to.
    static let writerCacheKiB = 8 * 1_024
    /// Log pages from which the writer checkpoints itself, when background checkpoints fall
    /// behind or cannot run: 64 MB.
    static let writerCheckpointPages = 16_384
    /// The recent articles' fingerprints, for grouping copies of a story.
    let stories = StoryIndex()
    /// The full-text index, in a file of its own; nil for an empty store standing in for a
    /// missing database.
    let search: SearchIndex?
    /// Checkpoints beside the writer, once the pipeline writes (`requestCheckpoint`).
    private let checkpoints = Mutex<BackgroundCheckpoints?>(nil)
    /// False when no database was at `path` and an empty one in memory stands in for it (see
    /// `SQLiteStore.forReading`).
    public let exists: Bool

    /// Opens (creating the file and its directory if needed) and migrates the database.
    public init(path: String) throws(StorageError) {
        self.path = path
        exists = true
        let directory = (path as NSString).deletingLastPathComponent
        do {
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            var configuration = Configuration()
            configuration.busyMode = .timeout(15)
            configuration.foreignKeysEnabled = true
            // The daemon reads little at a time; each reader connection keeps a page cache of its own.
            configuration.maximumReaderCount = 2
            configuration.prepareDatabase { db in
                // The log is folded into the file beside the writer (`BackgroundCheckpoints`); the
                // writer's own checkpoint, which stalls every write behind it, is a backstop.
                try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = \(SQLiteStore.writerCheckpointPages)")
                // Readers read little at a time: 1 MB each. The writer inserts into indexes keyed
                // by hashes (content hashes, alert ids), which touch pages all over the file: with
                // a small cache every insert reads its path back from the OS and every commit
                // rewrites pages evicted a moment before.
                let kibibytes = db.configuration.readonly ? 1_024 : SQLiteStore.writerCacheKiB
                try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)")
                // Each feed is written in a savepoint, which copies every page it changes to a
                // sub-journal first: kept in memory (a feed's pages, freed when it is released),
                // not written to and read back from a temporary file.
                if !db.configuration.readonly { try db.execute(sql: "PRAGMA temp_store = MEMORY") }
            }
            // The daemon and CLI commands may open a new database at the same moment: migrating
            // under an exclusive file lock keeps two processes from applying the same migration.
            let lock = try MigrationLock(path: path + ".lock")
            defer { lock.release() }
            try Self.createIfMissing(path)
            let pool = try DatabasePool(path: path, configuration: configuration)
            try Migrations.migrator.migrate(pool)
            self.pool = pool
            search = try SearchIndex(storePath: path, store: pool)
        } catch {
            throw .cannotOpen(path: path, reason: SQLiteStore.describe(error))
        }
    }

    /// Creates an empty database file in WAL mode that frees the pages deletions empty without a
    /// full VACUUM (incremental vacuum), unless one exists. The vacuum mode is written in the
    /// file's header, so it is set before anything else creates the file.
    static func createIfMissing(_ path: String) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        // A reader (`feedwatch status` polling for a starting daemon) may open the new, empty
        // file between its creation and the switch to WAL, which needs the file to itself: wait
        // for it, as every other connection does, instead of failing with "database is locked".
        var configuration = Configuration()
        configuration.busyMode = .timeout(15)
        let creating = try DatabaseQueue(path: path, configuration: configuration)
        try creating.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL; PRAGMA journal_mode = WAL")
        }
        try creating.close()
    }

    /// Folds the write-ahead log into the database file and closes it, so the next process to
    /// open the database starts with no log to replay. Called when a daemon or a cycle ends.
    public func close() {
        search?.close()
        checkpoints.withLock { $0 }?.close()
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        try? pool.close()
    }

    /// After the pipeline's write transactions: folds the log into the database file on a
    /// thread of its own (see `BackgroundCheckpoints`), which starts with the first request.
    func requestCheckpoint() {
        let checkpoints = self.checkpoints.withLock { checkpoints -> BackgroundCheckpoints? in
            if checkpoints == nil { checkpoints = BackgroundCheckpoints(path: path) }
            return checkpoints
        }
        checkpoints?.request()
    }

    /// A store over a database opened elsewhere (`SQLiteStore.forReading`).
    init(pool: any DatabaseWriter, path: String, exists: Bool) {
        self.pool = pool
        self.path = path
        self.exists = exists
        search = exists ? SearchIndex(readingFor: path, store: pool) : nil
    }

    /// Indexes for search, beside the writer, what the store holds and the index lacks (after a
    /// crash, or when the index file was deleted). The daemon calls it as it starts.
    public func startSearchCatchUp() {
        search?.startCatchUp()
    }

    /// Waits until every article stored so far is in the search index.
    public func finishSearchIndexing() throws(StorageError) {
        do {
            try search?.catchUp()
        } catch {
            throw SQLiteStore.storageError(error)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try pool.read(body)
        } catch {
            throw SQLiteStore.storageError(error)
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StorageError) -> T {
        do {
            return try pool.write(body)
        } catch {
            throw SQLiteStore.storageError(error)
        }
    }

    static func storageError(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        return .database(describe(error))
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? StorageError, case .database(let message) = error { return message }
        if let error = error as? DatabaseError {
            return error.message ?? "\(error.resultCode)"
        }
        return "\(error)"
    }
}

/// An advisory `flock` held while a database is opened and migrated.
struct MigrationLock {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            throw StorageError.database("cannot create its lock file \(path): \(String(cString: strerror(errno)))")
        }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { break }
        }
    }

    func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
