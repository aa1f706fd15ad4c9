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
}
