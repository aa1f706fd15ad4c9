import Foundation
import GRDB

extension SQLiteStore {
    /// Opens the database for commands that only read it (`feed list`, `status`, `alerts`...).
    ///
    /// Guarantees: nothing is created, neither the file nor its directory, and nothing is
    /// migrated; a database on a read-only mount or owned by another user is read as it is.
    /// When no database exists at `path`, an empty one in memory stands in (`exists` is false),
    /// so such a command shows an empty installation. A database written by an older FeedWatch is
    /// upgraded when this process may write it, else refused with what to do.
    public static func forReading(path: String) throws(StorageError) -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else {
            do {
                let queue = try DatabaseQueue()
                try Migrations.migrator.migrate(queue)
                return SQLiteStore(pool: queue, path: path, exists: false)
            } catch {
                throw .cannotOpen(path: path, reason: describe(error))
            }
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(15)
        configuration.maximumReaderCount = 2
        let pool: DatabasePool
        do {
            pool = try openReadOnly(path, configuration)
        } catch {
            // A read-only medium where SQLite cannot create the WAL's shared-memory file: the
            // file is read as it was last checkpointed (the daemon checkpoints when it stops).
            do {
                pool = try openReadOnly("file:\(uriEscaped(path))?immutable=1", configuration)
            } catch {
                throw .cannotOpen(path: path, reason: describe(error))
            }
        }
        let current: Bool
        do {
            current = try pool.read { db in try Migrations.migrator.hasCompletedMigrations(db) }
        } catch {
            throw .cannotOpen(path: path, reason: describe(error))
        }
        if current { return SQLiteStore(pool: pool, path: path, exists: true) }
        try? pool.close()
        guard access(path, W_OK) == 0 else {
            throw .cannotOpen(
                path: path,
                reason: "it was written by an older FeedWatch and this user cannot upgrade it (run `feedwatchd --once` as its owner)")
        }
        return try SQLiteStore(path: path)
    }

    private static func openReadOnly(_ path: String, _ configuration: Configuration) throws -> DatabasePool {
        let pool = try DatabasePool(path: path, configuration: configuration)
        // Opening is lazy: read once, so a database that cannot be read fails here.
        _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
        return pool
    }

    /// A path inside a `file:` URI: `%`, `?` and `#` escaped.
    static func uriEscaped(_ path: String) -> String {
        var text = ""
        for character in path.unicodeScalars {
            switch character {
            case "%": text += "%25"
            case "?": text += "%3F"
            case "#": text += "%23"
            default: text.unicodeScalars.append(character)
            }
        }
        return text
    }
}
