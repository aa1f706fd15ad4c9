import Foundation
import GRDB

/// What a retention pass or a vacuum did.
public struct RetentionReport: Sendable, Equatable, Codable {
    /// Articles whose bodies were dropped.
    public var articlesTrimmed = 0
    /// Size of the database file before and after, in bytes (pages in use and free).
    public var bytesBefore = 0
    public var bytesAfter = 0

    public var bytesReclaimed: Int { max(0, bytesBefore - bytesAfter) }

    public init() {}
}

extension SQLiteStore {
    /// Drops the bodies (summary, content, text) of articles first seen before `cutoff`, in
    /// transactions of `batch` articles so the daemon's writes are never held up for long.
    ///
    /// Kept: each article's row with its content hash (so the same story is still recognised
    /// and not stored or alerted again), title, link, dates and sources; revisions' links; alerts;
    /// figure readings with their sentences. The search index keeps the title. The space freed
    /// goes back to the file system with `reclaimSpace`.
    public func dropBodies(firstSeenBefore cutoff: Date, batch: Int) throws(StorageError) -> Int {
        var trimmed = 0
        while true {
            let (done, trimmedEntries) = try write { db -> (Int, [SearchIndex.Entry]) in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT * FROM articles WHERE first_seen < ? AND (body IS NOT NULL OR text != '' OR content IS NOT NULL
                            OR summary IS NOT NULL) ORDER BY id LIMIT ?
                        """,
                    arguments: [SQLDate.string(cutoff), batch])
                let drop = try db.makeStatement(sql: "UPDATE articles SET body = NULL, summary = NULL, content = NULL, text = '' WHERE id = ?")
                var entries: [SearchIndex.Entry] = []
                for row in rows {
                    let id: Int64 = row["id"]
                    // The search index's entry is made again from the title alone, once this commits.
                    if let article = try? ArticleRecord(row: row) {
                        entries.append(SearchIndex.Entry(id: id, title: article.title ?? "", text: article.text))
                    }
                    try drop.execute(arguments: [id])
                }
                return (rows.count, entries)
            }
            do {
                try search?.keepTitlesOnly(trimmedEntries)
            } catch {
                throw SQLiteStore.storageError(error)
            }
            trimmed += done
            if done < batch { return trimmed }
        }
    }

    /// The database's size in bytes, its search index's included: pages in use and free pages.
    public func fileBytes() throws(StorageError) -> Int {
        let store = try read { db in try Self.pageBytes(db) }
        do {
            return try store + (search?.fileBytes() ?? 0)
        } catch {
            throw SQLiteStore.storageError(error)
        }
    }

    static func pageBytes(_ db: Database) throws -> Int {
        let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let size = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
        return pages * size
    }

    /// Gives free pages back to the file system where that is quick (a database created with
    /// incremental vacuum); returns false for an older one, which needs `reclaimSpace`.
    @discardableResult
    public func releaseFreePages() throws(StorageError) -> Bool {
        do {
            return try pool.writeWithoutTransaction { db in
                guard try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") == 2 else { return false }
                try db.execute(sql: "PRAGMA incremental_vacuum")
                return true
            }
        } catch {
            throw SQLiteStore.storageError(error)
        }
    }

    /// Gives free pages back to the file system. A database created before incremental vacuum
    /// was the default is rebuilt once with `VACUUM` (it needs room for a copy of the database);
    /// after that, only free pages are released, which is quick.
    public func reclaimSpace() throws(StorageError) {
        do {
            try search?.compact()
            try pool.writeWithoutTransaction { db in
                let mode = try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") ?? 0
                if mode == 2 {
                    try db.execute(sql: "PRAGMA incremental_vacuum")
                } else {
                    try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                    try db.execute(sql: "VACUUM")
                }
                try db.checkpoint(.truncate)
            }
        } catch {
            throw SQLiteStore.storageError(error)
        }
    }
}
