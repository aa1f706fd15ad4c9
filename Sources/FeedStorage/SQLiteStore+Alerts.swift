import FeedModel
import Foundation
import GRDB

extension SQLiteStore {
    /// Alerts stored but not yet in the alert log (read through its partial index).
    public func unloggedAlertCount() throws(StorageError) -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM alerts WHERE logged = 0") ?? 0 }
    }

    /// Stores alerts that belong to no article (feed health); returns those that were new.
    public func record(_ alerts: [PendingAlert], feedID: Int64?) throws(StorageError) -> [EncodedAlert] {
        try write { db in
            try alerts.compactMap { try SQLiteStore.insert($0, articleID: nil, feedID: feedID, in: db) }
        }
    }

    /// Alerts stored but not yet confirmed in the alert log (after a crash or a failed write),
    /// oldest first; with `raisedBefore`, only those raised before then (another process may be
    /// writing younger ones to the log right now).
    public func unloggedAlerts(raisedBefore cutoff: Date?) throws(StorageError) -> [EncodedAlert] {
        try read { db in
            let bodies: [String]
            if let cutoff {
                bodies = try String.fetchAll(
                    db, sql: "SELECT body FROM alerts WHERE logged = 0 AND time < ? ORDER BY seq", arguments: [SQLDate.string(cutoff)])
            } else {
                bodies = try String.fetchAll(db, sql: "SELECT body FROM alerts WHERE logged = 0 ORDER BY seq")
            }
            return try bodies.map { EncodedAlert(alert: try AlertJSON.alert(from: $0), line: $0) }
        }
    }

    /// Records that these alerts are flushed to the alert log.
    public func markLogged(_ ids: [String]) throws(StorageError) {
        try markLogged(ids.map { LoggedAlert(id: $0) }, at: Date())
    }

    /// Records that these alerts are flushed to the alert log and, in the same transaction,
    /// queues each for the hooks named with it. Only the call that marks an alert logged queues
    /// it, so an alert enters the outbox once however often this runs, and never before the log
    /// holds it.
    public func markLogged(_ alerts: [LoggedAlert], at now: Date) throws(StorageError) {
        guard !alerts.isEmpty else { return }
        try write { db in
            let mark = try db.makeStatement(sql: "UPDATE alerts SET logged = 1 WHERE id = ? AND logged = 0")
            let queue = try db.makeStatement(sql: """
                INSERT INTO alert_outbox (alert_id, sink, next_attempt_at, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """)
            let time = SQLDate.string(now)
            for alert in alerts {
                try mark.execute(arguments: [alert.id])
                guard db.changesCount == 1 else { continue }
                for sink in alert.sinks { try queue.execute(arguments: [alert.id, sink, time, time]) }
            }
        }
    }

    /// Alerts, oldest first, optionally since a time, for one tracker and about the feeds
    /// `feedIDs` names; `limit` keeps the newest.
    public func alerts(
        since: Date? = nil, tracker: String? = nil, feedIDs: Set<Int64>? = nil, limit: Int? = nil
    ) throws(StorageError) -> [Alert] {
        try read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let since {
                conditions.append("time >= ?")
                _ = arguments.append(contentsOf: [since])
            }
            if let tracker {
                conditions.append("tracker_name = ?")
                _ = arguments.append(contentsOf: [tracker])
            }
            if let feedIDs {
                // Ids are integers the store handed out: listed inline, one statement whatever their number.
                conditions.append("feed_id IN (\(feedIDs.sorted().map(String.init).joined(separator: ",")))")
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let limitClause = limit.map { "LIMIT \($0)" } ?? ""
            let sql = "SELECT body FROM (SELECT seq, body FROM alerts \(whereClause) ORDER BY seq DESC \(limitClause)) ORDER BY seq"
            return try String.fetchAll(db, sql: sql, arguments: arguments).map { try AlertJSON.alert(from: $0) }
        }
    }

    /// Alerts stored after `sequence` (for `alerts --follow`), with the last sequence number seen.
    public func alerts(after sequence: Int64) throws(StorageError) -> (alerts: [Alert], last: Int64) {
        try read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT seq, body FROM alerts WHERE seq > ? ORDER BY seq", arguments: [sequence])
            let alerts = try rows.map { row -> Alert in try AlertJSON.alert(from: row["body"]) }
            return (alerts, rows.last?["seq"] ?? sequence)
        }
    }

    /// One alert by its id, with the line it was stored as (nil: no such alert).
    public func alert(id: String) throws(StorageError) -> EncodedAlert? {
        try read { db in
            guard let body = try String.fetchOne(db, sql: "SELECT body FROM alerts WHERE id = ?", arguments: [id]) else { return nil }
            return EncodedAlert(alert: try AlertJSON.alert(from: body), line: body)
        }
    }

    /// SQLite has no notifications: the follower looks again after the wait.
    public func waitForAlerts(upTo seconds: Double) {
        Thread.sleep(forTimeInterval: seconds)
    }

    public func lastAlertSequence() throws(StorageError) -> Int64 {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM alerts") ?? 0 }
    }
}
