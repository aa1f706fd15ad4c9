import FeedModel
import Foundation
import PostgresNIO

extension PostgresStore {
    /// When each sink's first pending alert (in alert order) is due: deliveries keep that order.
    public func outboxDue() throws(StorageError) -> [String: Date] {
        do {
            var due: [String: Date] = [:]
            for row in try rows("""
                SELECT DISTINCT ON (o.sink) o.sink, o.next_attempt_at FROM alert_outbox o JOIN alerts a ON a.id = o.alert_id
                WHERE o.delivered_at IS NULL ORDER BY o.sink, a.seq
                """) {
                let (sink, time) = try row.decode((String, Date).self)
                due[sink] = time
            }
            return due
        } catch {
            throw Self.storageError(error)
        }
    }

    /// Leases a sink's next pending deliveries, in alert order, to this daemon: another daemon
    /// skips them until they are delivered, failed or the lease has expired, so each alert
    /// reaches each sink once while the daemons live.
    public func pendingDeliveries(for sink: String, limit: Int) throws(StorageError) -> [OutboxEntry] {
        let until = Date().addingTimeInterval(leaseSeconds)
        do {
            let rows = try self.rows("""
                WITH leased AS (
                    UPDATE alert_outbox SET leased_by = \(instance), leased_until = \(until)
                    WHERE (alert_id, sink) IN (
                        SELECT o.alert_id, o.sink FROM alert_outbox o JOIN alerts a ON a.id = o.alert_id
                        WHERE o.sink = \(sink) AND o.delivered_at IS NULL AND (o.leased_until IS NULL OR o.leased_until <= now()
                              OR o.leased_by = \(instance))
                        ORDER BY a.seq LIMIT \(limit)
                        FOR UPDATE OF o SKIP LOCKED)
                    RETURNING alert_id, sink, attempts, next_attempt_at, last_error, created_at)
                SELECT l.alert_id, l.sink, l.attempts, l.next_attempt_at, l.last_error, a.body, a.kind, a.tracker_name, l.created_at
                FROM leased l JOIN alerts a ON a.id = l.alert_id ORDER BY a.seq
                """)
            return try rows.map { row in
                let (alert, sink, attempts, next, error, body, kind, tracker, queued) = try row.decode(
                    (String, String, Int, Date, String?, String, String, String?, Date).self)
                return OutboxEntry(
                    alertID: alert, sink: sink, attempts: attempts, nextAttemptAt: next, lastError: error, body: body, kind: kind,
                    tracker: tracker, queuedAt: queued)
            }
        } catch {
            throw Self.storageError(error)
        }
    }

    public func markDelivered(_ entry: OutboxEntry, at now: Date) throws(StorageError) {
        try markDelivered([entry], asOneMessageAt: now, counted: false)
    }

    public func markDelivered(_ entries: [OutboxEntry], asOneMessageAt now: Date, counted: Bool) throws(StorageError) {
        guard let sink = entries.first?.sink else { return }
        try transaction { connection in
            for entry in entries {
                try connection.run("""
                    UPDATE alert_outbox SET delivered_at = \(now), last_attempt_at = \(now), attempts = attempts + 1,
                        last_error = NULL, leased_by = NULL, leased_until = NULL
                    WHERE alert_id = \(entry.alertID) AND sink = \(entry.sink)
                    """, logger: logger)
            }
            guard counted else { return }
            try connection.run(
                "INSERT INTO sink_messages (sink, sent_at, alerts) VALUES (\(sink), \(now), \(entries.count))", logger: logger)
            try connection.run(
                "DELETE FROM sink_messages WHERE sink = \(sink) AND sent_at <= \(now.addingTimeInterval(-3600))", logger: logger)
        }
    }

    public func sinkMessages(for sink: String, before now: Date) throws(StorageError) -> [Date] {
        do {
            return try rows("""
                SELECT sent_at FROM sink_messages WHERE sink = \(sink) AND sent_at > \(now.addingTimeInterval(-3600)) ORDER BY sent_at
                """).map { try $0.decode(Date.self) }
        } catch {
            throw Self.storageError(error)
        }
    }

    public func recordFailedDelivery(_ entry: OutboxEntry, error: String, retryAt: Date, at now: Date) throws(StorageError) {
        try execute("""
            UPDATE alert_outbox SET attempts = attempts + 1, last_attempt_at = \(now), last_error = \(error),
                next_attempt_at = \(retryAt), leased_by = NULL, leased_until = NULL
            WHERE alert_id = \(entry.alertID) AND sink = \(entry.sink)
            """)
    }

    public func outboxSummary() throws(StorageError) -> [OutboxSummary] {
        do {
            var summaries: [OutboxSummary] = []
            for row in try rows("""
                SELECT sink, COUNT(*) FILTER (WHERE delivered_at IS NULL), MIN(created_at) FILTER (WHERE delivered_at IS NULL),
                       MAX(delivered_at)
                FROM alert_outbox GROUP BY sink ORDER BY sink
                """) {
                let (sink, pending, oldest, lastDelivered) = try row.decode((String, Int, Date?, Date?).self)
                var summary = OutboxSummary(
                    sink: sink, pending: pending, oldestPendingSince: oldest, attempts: 0, lastDeliveredAt: lastDelivered)
                if pending > 0, let head = try rows("""
                    SELECT o.attempts, o.last_error, o.next_attempt_at FROM alert_outbox o JOIN alerts a ON a.id = o.alert_id
                    WHERE o.sink = \(sink) AND o.delivered_at IS NULL ORDER BY a.seq LIMIT 1
                    """).first {
                    (summary.attempts, summary.lastError, summary.nextAttemptAt) = try head.decode((Int, String?, Date?).self)
                }
                summaries.append(summary)
            }
            return summaries
        } catch {
            throw Self.storageError(error)
        }
    }
}
