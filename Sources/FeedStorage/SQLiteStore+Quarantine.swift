import Foundation
import GRDB

extension SQLiteStore {
    /// Marks a feed's body as the one FeedWatch died reading: polls skip it, unread, until the
    /// feed serves a different body or the quarantine is lifted.
    public func quarantine(feedID: Int64, bodyHash: String, at now: Date, reason: String) throws(StorageError) {
        try write { db in
            try db.execute(
                sql: "UPDATE feeds SET quarantined_body_hash = ?, quarantined_at = ?, last_error = ? WHERE id = ?",
                arguments: [bodyHash, SQLDate.string(now), reason, feedID])
        }
    }

    /// Lifts a feed's quarantine (its body changed, or the user asked).
    public func liftQuarantine(feedID: Int64) throws(StorageError) {
        try write { db in try SQLiteStore.liftQuarantine(feedID: feedID, in: db) }
    }

    static func liftQuarantine(feedID: Int64, in db: Database) throws {
        try db.execute(
            sql: "UPDATE feeds SET quarantined_body_hash = NULL, quarantined_at = NULL WHERE id = ?", arguments: [feedID])
    }

    /// Makes a feed due at once, its backoff forgotten: what `feedwatch feed resume` does besides
    /// lifting pauses and quarantines. The daemon picks it up within a second.
    public func makeDue(feedIDs: [Int64], at now: Date) throws(StorageError) {
        guard !feedIDs.isEmpty else { return }
        try write { db in
            let statement = try db.makeStatement(sql: "UPDATE feeds SET next_fetch_at = ? WHERE id = ?")
            for id in feedIDs { try statement.execute(arguments: [SQLDate.string(now), id]) }
        }
    }
}
