import Foundation
import GRDB

extension FeedStore {
    /// Pauses every feed of a host until a time (a server's Retry-After), surviving restarts.
    public func pauseHost(_ host: String, until: Date, reason: String) throws(StorageError) {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO host_pauses (host, until, reason) VALUES (?, ?, ?)
                    ON CONFLICT (host) DO UPDATE SET until = MAX(until, excluded.until), reason = excluded.reason
                    """,
                arguments: [host, until, reason])
        }
    }

    /// Hosts paused after `now`, with the end of their pause.
    public func hostPauses(after now: Date) throws(StorageError) -> [String: Date] {
        try read { db in
            var pauses: [String: Date] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT host, until FROM host_pauses WHERE until > ?", arguments: [now]) {
                pauses[row["host"]] = row["until"]
            }
            return pauses
        }
    }
}
