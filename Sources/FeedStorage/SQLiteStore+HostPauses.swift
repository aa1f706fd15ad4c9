import Foundation
import GRDB

/// A host that asked (429 or 503 with `Retry-After`) to be left alone, as `status` shows it.
public struct HostPause: Sendable, Equatable, Codable {
    public var host: String
    public var until: Date
    public var reason: String
}

extension SQLiteStore {
    /// Pauses every feed of a host until a time (a server's Retry-After), surviving restarts.
    public func pauseHost(_ host: String, until: Date, reason: String) throws(StorageError) {
        try write { db in try SQLiteStore.pauseHost(host, until: until, reason: reason, in: db) }
    }

    static func pauseHost(_ host: String, until: Date, reason: String, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO host_pauses (host, until, reason) VALUES (?, ?, ?)
                ON CONFLICT (host) DO UPDATE SET until = MAX(until, excluded.until), reason = excluded.reason
                """,
            arguments: [host, SQLDate.string(until), reason])
    }

    /// Hosts paused after `now`, with the end of their pause.
    public func hostPauses(after now: Date) throws(StorageError) -> [String: Date] {
        var pauses: [String: Date] = [:]
        for pause in try hostPauseList(after: now) { pauses[pause.host] = pause.until }
        return pauses
    }

    /// Hosts paused after `now`, soonest end first.
    public func hostPauseList(after now: Date) throws(StorageError) -> [HostPause] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT host, until, reason FROM host_pauses WHERE until > ? ORDER BY until, host",
                arguments: [SQLDate.string(now)]
            ).map { HostPause(host: $0["host"], until: $0["until"], reason: $0["reason"]) }
        }
    }

    /// Cuts every pause that ends after `latest` to `latest` (a cap lowered in the config, or a
    /// pause stored before there was one), so that it ends for good.
    public func capHostPauses(at latest: Date) throws(StorageError) {
        try write { db in
            try db.execute(sql: "UPDATE host_pauses SET until = ?1 WHERE until > ?1", arguments: [SQLDate.string(latest)])
        }
    }

    /// Lifts a host's pause; false when it had none.
    @discardableResult
    public func liftHostPause(_ host: String) throws(StorageError) -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM host_pauses WHERE host = ?", arguments: [host])
            return db.changesCount > 0
        }
    }
}
