import Foundation
import GRDB

/// The daemon's heartbeat, which `feedwatch status` reads.
public struct DaemonStatus: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "daemon_status"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int = 1
    public var pid: Int32
    public var startedAt: Date
    public var heartbeatAt: Date
    public var lastCycleAt: Date?
    public var lastCycleSeconds: Double?
    public var stoppedAt: Date?
    /// Why the last write to the alert log failed, while alerts wait to be logged (nil once written).
    public var alertLogError: String?
    /// The machine the daemon runs on, when several share a PostgreSQL database; nil: this one
    /// (SQLite's daemon runs beside its file). Not a column of SQLite's table.
    public var host: String?

    /// The columns SQLite stores (`host` is PostgreSQL's, read from its `instance`).
    enum CodingKeys: String, CodingKey {
        case id, pid, startedAt, heartbeatAt, lastCycleAt, lastCycleSeconds, stoppedAt, alertLogError
    }

    public init(pid: Int32, startedAt: Date) {
        self.pid = pid
        self.startedAt = startedAt
        heartbeatAt = startedAt
    }
}

extension SQLiteStore {
    public func saveDaemonStatus(_ status: DaemonStatus) throws(StorageError) {
        try write { db in try status.save(db) }
    }

    public func daemonStatus() throws(StorageError) -> DaemonStatus? {
        try read { db in try DaemonStatus.fetchOne(db, key: 1) }
    }

    /// SQLite has one daemon.
    public func daemonStatuses() throws(StorageError) -> [DaemonStatus] {
        try daemonStatus().map { [$0] } ?? []
    }
}
