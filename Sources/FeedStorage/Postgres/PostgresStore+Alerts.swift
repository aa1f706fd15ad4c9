import FeedModel
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Inserts an alert unless one exists with its id or for its (tracker, article): whichever
    /// daemon commits first raised it; the other's insert does nothing.
    static func insert(
        _ pending: PendingAlert, articleID: Int64?, story: Int64?, feedID: Int64?, by instance: String,
        on connection: PostgresConnection, logger: Logger
    ) throws -> EncodedAlert? {
        let encoded = EncodedAlert(pending.alert)
        let inserted = try connection.run("""
            INSERT INTO alerts (id, time, kind, tracker_id, tracker_name, feed_id, article_id, story_id, body, logged, raised_by)
            VALUES (\(pending.alert.id), \(pending.time), \(pending.alert.kind.rawValue), \(pending.trackerID),
                    \(pending.alert.tracker), \(feedID), \(articleID), \(articleID == nil ? nil : story ?? articleID),
                    \(encoded.line), false, \(instance))
            ON CONFLICT DO NOTHING
            """, logger: logger).metadata.rows ?? 0
        guard inserted > 0 else { return nil }
        // `feedwatch alerts --follow` on any machine wakes at once (the notification is sent at commit).
        try connection.run("NOTIFY feedwatch_alerts", logger: logger)
        return encoded
    }

    public func unloggedAlertCount() throws(StorageError) -> Int {
        try count("SELECT COUNT(*) FROM alerts WHERE NOT logged")
    }

    func count(_ query: PostgresQuery) throws(StorageError) -> Int {
        do {
            return try rows(query).first?.decode(Int.self) ?? 0
        } catch {
            throw Self.storageError(error)
        }
    }

    func alertBodies(_ query: PostgresQuery) throws(StorageError) -> [String] {
        do {
            return try rows(query).map { try $0.decode(String.self) }
        } catch {
            throw Self.storageError(error)
        }
    }

    static func decode(_ bodies: [String]) throws(StorageError) -> [Alert] {
        do {
            return try bodies.map { try AlertJSON.alert(from: $0) }
        } catch {
            throw .database("a stored alert is not valid JSON: \(error)")
        }
    }

    public func record(_ alerts: [PendingAlert], feedID: Int64?) throws(StorageError) -> [EncodedAlert] {
        try transaction { connection in
            try alerts.compactMap {
                try Self.insert($0, articleID: nil, story: nil, feedID: feedID, by: instance, on: connection, logger: logger)
            }
        }
    }

    /// The alerts this daemon raised and has not logged yet, and those another daemon raised and
    /// left unlogged for longer than a lease (it died before its log took them): each alert goes
    /// to the log of the daemon that raised it while that daemon lives.
    public func unloggedAlerts(raisedBefore cutoff: Date?) throws(StorageError) -> [EncodedAlert] {
        let orphaned = Date().addingTimeInterval(-leaseSeconds)
        let bodies = try alertBodies("""
            SELECT body FROM alerts WHERE NOT logged AND time < \(cutoff ?? .distantFuture)
                AND (raised_by IS NULL OR raised_by = \(instance) OR raised_at < \(orphaned))
            ORDER BY seq
            """)
        let alerts = try Self.decode(bodies)
        return zip(alerts, bodies).map { EncodedAlert(alert: $0, line: $1) }
    }

    public func markLogged(_ ids: [String]) throws(StorageError) {
        try markLogged(ids.map { LoggedAlert(id: $0) }, at: Date())
    }

    /// Marks alerts logged and queues them for their sinks, in one transaction: of two daemons
    /// logging the same alert, only the one whose update changed it queues its deliveries.
    public func markLogged(_ alerts: [LoggedAlert], at now: Date) throws(StorageError) {
        guard !alerts.isEmpty else { return }
        try transaction { connection in
            for alert in alerts {
                let changed = try connection.run(
                    "UPDATE alerts SET logged = true WHERE id = \(alert.id) AND NOT logged", logger: logger
                ).metadata.rows ?? 0
                guard changed == 1 else { continue }
                for sink in alert.sinks {
                    try connection.run("""
                        INSERT INTO alert_outbox (alert_id, sink, next_attempt_at, created_at) VALUES (\(alert.id), \(sink), \(now), \(now))
                        ON CONFLICT DO NOTHING
                        """, logger: logger)
                }
            }
        }
    }

    public func alerts(since: Date?, tracker: String?, feedIDs: Set<Int64>?, limit: Int?) throws(StorageError) -> [Alert] {
        var statement = StatementBuilder("SELECT seq, body FROM alerts WHERE true")
        if let since {
            let time = statement.bind(since)
            statement.append(" AND time >= \(time)")
        }
        if let tracker {
            let name = statement.bind(tracker)
            statement.append(" AND tracker_name = \(name)")
        }
        if let feedIDs {
            let ids = statement.bind(Array(feedIDs))
            statement.append(" AND feed_id = ANY(\(ids))")
        }
        statement.append(" ORDER BY seq DESC")
        if let limit { statement.append(" LIMIT \(max(0, limit))") }
        let query = statement.query
        let bodies: [String]
        do {
            bodies = try rows(query).map { try $0.decode((Int64, String).self).1 }.reversed()
        } catch {
            throw Self.storageError(error)
        }
        return try Self.decode(bodies)
    }

    /// Alerts stored after `sequence`, in sequence order, and again those raised in the last
    /// minute: sequence numbers are taken when a transaction inserts, not when it commits, so with
    /// several daemons an alert committed just after a read may carry a number below the last one
    /// read. A write transaction lasts seconds; the caller skips the ids it has shown.
    public func alerts(after sequence: Int64) throws(StorageError) -> (alerts: [Alert], last: Int64) {
        let rows: [(Int64, String)]
        do {
            rows = try self.rows("""
                SELECT seq, body FROM alerts WHERE seq > \(sequence) OR raised_at > now() - interval '60 seconds' ORDER BY seq
                """).map { try $0.decode((Int64, String).self) }
        } catch {
            throw Self.storageError(error)
        }
        return (try Self.decode(rows.map(\.1)), max(sequence, rows.last?.0 ?? sequence))
    }

    public func waitForAlerts(upTo seconds: Double) {
        alertNotifications.wait(upTo: seconds, connections: connections)
    }

    public func alert(id: String) throws(StorageError) -> EncodedAlert? {
        guard let body = try alertBodies("SELECT body FROM alerts WHERE id = \(id)").first else { return nil }
        return try Self.decode([body]).first.map { EncodedAlert(alert: $0, line: body) }
    }

    public func lastAlertSequence() throws(StorageError) -> Int64 {
        Int64(try count("SELECT COALESCE(MAX(seq), 0) FROM alerts"))
    }

    // MARK: The daemon

    /// Each daemon keeps its own row (`instance`); `daemonStatus` reads the latest heartbeat.
    public func saveDaemonStatus(_ status: DaemonStatus) throws(StorageError) {
        if status.heartbeatAt == status.startedAt || status.stoppedAt != nil {
            // As a daemon starts (its first heartbeat) or stops: the rows of daemons gone a week
            // are forgotten.
            try execute("DELETE FROM daemon_status WHERE heartbeat_at < \(status.heartbeatAt.addingTimeInterval(-7 * 86_400))")
        }
        try execute("""
            INSERT INTO daemon_status (instance, pid, started_at, heartbeat_at, last_cycle_at, last_cycle_seconds, stopped_at, alert_log_error)
            VALUES (\(instance), \(Int64(status.pid)), \(status.startedAt), \(status.heartbeatAt), \(status.lastCycleAt),
                    \(status.lastCycleSeconds), \(status.stoppedAt), \(status.alertLogError))
            ON CONFLICT (instance) DO UPDATE SET pid = excluded.pid, started_at = excluded.started_at,
                heartbeat_at = excluded.heartbeat_at, last_cycle_at = excluded.last_cycle_at,
                last_cycle_seconds = excluded.last_cycle_seconds, stopped_at = excluded.stopped_at,
                alert_log_error = excluded.alert_log_error
            """)
    }

    public func daemonStatus() throws(StorageError) -> DaemonStatus? {
        try daemonStatuses().first
    }

    public func daemonStatuses() throws(StorageError) -> [DaemonStatus] {
        do {
            return try rows("""
                SELECT instance, pid, started_at, heartbeat_at, last_cycle_at, last_cycle_seconds, stopped_at, alert_log_error
                FROM daemon_status WHERE heartbeat_at > now() - interval '1 day' ORDER BY heartbeat_at DESC
                """).map { row in
                let (instance, pid, started, heartbeat, lastCycle, seconds, stopped, logError) = try row.decode(
                    (String, Int64, Date, Date, Date?, Double?, Date?, String?).self)
                var status = DaemonStatus(pid: Int32(truncatingIfNeeded: pid), startedAt: started)
                status.heartbeatAt = heartbeat
                status.lastCycleAt = lastCycle
                status.lastCycleSeconds = seconds
                status.stoppedAt = stopped
                status.alertLogError = logError
                // `instance` is host:pid:tag.
                status.host = instance.split(separator: ":").first.map(String.init)
                return status
            }
        } catch {
            throw Self.storageError(error)
        }
    }
}
