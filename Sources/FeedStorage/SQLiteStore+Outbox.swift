import Foundation
import GRDB

/// An alert confirmed in the alert log, with the hooks (sink names) it is to be delivered to.
public struct LoggedAlert: Sendable, Equatable {
    public var id: String
    public var sinks: [String]

    public init(id: String, sinks: [String] = []) {
        self.id = id
        self.sinks = sinks
    }
}

/// One alert waiting for one hook.
public struct OutboxEntry: Sendable, Equatable {
    public var alertID: String
    public var sink: String
    /// Deliveries tried so far.
    public var attempts: Int
    public var nextAttemptAt: Date
    public var lastError: String?
    /// The alert exactly as the alert log holds it: one JSON object, no line break.
    public var body: String
    public var kind: String
    public var tracker: String?
    /// When the alert entered the outbox (digests and quiet hours go by it).
    public var queuedAt: Date
}

/// The outbox as `feedwatch status` shows it: one sink's pending deliveries.
public struct OutboxSummary: Sendable, Equatable, Encodable {
    public var sink: String
    public var pending: Int
    /// When the oldest pending alert was queued.
    public var oldestPendingSince: Date?
    /// The first pending delivery's attempts, its last error and when it is tried next.
    public var attempts: Int
    public var lastError: String?
    public var nextAttemptAt: Date?
    public var lastDeliveredAt: Date?
}

extension SQLiteStore {
    /// For each sink with pending deliveries, when its first one (in alert order) is due.
    /// A sink delivers in alert order, so this is when it has work again.
    public func outboxDue() throws(StorageError) -> [String: Date] {
        try read { db in
            // SQLite takes the bare column from the row that holds the MIN().
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.sink, o.next_attempt_at, MIN(a.seq)
                FROM alert_outbox o JOIN alerts a ON a.id = o.alert_id
                WHERE o.delivered_at IS NULL
                GROUP BY o.sink
                """)
            var due: [String: Date] = [:]
            for row in rows { due[row[0]] = row[1] }
            return due
        }
    }

    /// A sink's pending deliveries, in alert order, at most `limit`.
    public func pendingDeliveries(for sink: String, limit: Int) throws(StorageError) -> [OutboxEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT o.alert_id, o.sink, o.attempts, o.next_attempt_at, o.last_error, a.body, a.kind, a.tracker_name, o.created_at
                FROM alert_outbox o JOIN alerts a ON a.id = o.alert_id
                WHERE o.sink = ? AND o.delivered_at IS NULL
                ORDER BY a.seq LIMIT ?
                """, arguments: [sink, limit]
            ).map { row in
                OutboxEntry(
                    alertID: row[0], sink: row[1], attempts: row[2], nextAttemptAt: row[3], lastError: row[4], body: row[5],
                    kind: row[6], tracker: row[7], queuedAt: row[8])
            }
        }
    }

    /// Records a delivery that succeeded; it is never attempted again.
    public func markDelivered(_ entry: OutboxEntry, at now: Date) throws(StorageError) {
        try write { db in
            try db.execute(sql: """
                UPDATE alert_outbox SET delivered_at = ?, last_attempt_at = ?, attempts = attempts + 1, last_error = NULL
                WHERE alert_id = ? AND sink = ?
                """, arguments: [now, now, entry.alertID, entry.sink])
        }
    }

    /// Records that these deliveries went out as one message (a digest, or one alert) and, for a
    /// rate-limited sink, counts the message; counted messages older than an hour are deleted.
    public func markDelivered(_ entries: [OutboxEntry], asOneMessageAt now: Date, counted: Bool) throws(StorageError) {
        guard let sink = entries.first?.sink else { return }
        try write { db in
            let update = try db.makeStatement(sql: """
                UPDATE alert_outbox SET delivered_at = ?, last_attempt_at = ?, attempts = attempts + 1, last_error = NULL
                WHERE alert_id = ? AND sink = ?
                """)
            for entry in entries { try update.execute(arguments: [now, now, entry.alertID, entry.sink]) }
            guard counted else { return }
            try db.execute(sql: "INSERT INTO sink_messages (sink, sent_at, alerts) VALUES (?, ?, ?)", arguments: [sink, now, entries.count])
            try db.execute(sql: "DELETE FROM sink_messages WHERE sink = ? AND sent_at <= ?", arguments: [sink, now.addingTimeInterval(-3600)])
        }
    }

    /// When a rate-limited sink sent its messages of the hour before `now`, oldest first.
    public func sinkMessages(for sink: String, before now: Date) throws(StorageError) -> [Date] {
        try read { db in
            try Date.fetchAll(db, sql: """
                SELECT sent_at FROM sink_messages WHERE sink = ? AND sent_at > ? ORDER BY sent_at
                """, arguments: [sink, now.addingTimeInterval(-3600)])
        }
    }

    /// Records a delivery that failed and when to try it again.
    public func recordFailedDelivery(_ entry: OutboxEntry, error: String, retryAt: Date, at now: Date) throws(StorageError) {
        try write { db in
            try db.execute(sql: """
                UPDATE alert_outbox SET attempts = attempts + 1, last_attempt_at = ?, last_error = ?, next_attempt_at = ?
                WHERE alert_id = ? AND sink = ?
                """, arguments: [now, error, retryAt, entry.alertID, entry.sink])
        }
    }

    /// Each sink that has pending deliveries or has delivered any, by name.
    public func outboxSummary() throws(StorageError) -> [OutboxSummary] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT o.sink,
                       SUM(o.delivered_at IS NULL) AS pending,
                       MIN(CASE WHEN o.delivered_at IS NULL THEN o.created_at END) AS oldest,
                       MAX(o.delivered_at) AS last_delivered
                FROM alert_outbox o
                GROUP BY o.sink ORDER BY o.sink
                """)
            var summaries: [OutboxSummary] = []
            for row in rows {
                var summary = OutboxSummary(
                    sink: row["sink"], pending: row["pending"], oldestPendingSince: row["oldest"], attempts: 0,
                    lastDeliveredAt: row["last_delivered"])
                if summary.pending > 0, let head = try Row.fetchOne(db, sql: """
                    SELECT o.attempts, o.last_error, o.next_attempt_at
                    FROM alert_outbox o JOIN alerts a ON a.id = o.alert_id
                    WHERE o.sink = ? AND o.delivered_at IS NULL ORDER BY a.seq LIMIT 1
                    """, arguments: [summary.sink]) {
                    summary.attempts = head[0]
                    summary.lastError = head[1]
                    summary.nextAttemptAt = head[2]
                }
                summaries.append(summary)
            }
            return summaries
        }
    }
}
