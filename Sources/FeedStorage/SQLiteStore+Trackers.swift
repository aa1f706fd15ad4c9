import FeedModel
import Foundation
import GRDB

extension SQLiteStore {
    /// Adds a tracker and, in the same transaction, lets `seed` record what it already knows
    /// (its baseline, or alerts on stored articles): no other process can read articles with the
    /// tracker before its memory of the stored ones is written. If `seed` throws, nothing is added.
    /// Throws `trackerExists` when the name is taken: the schema's UNIQUE `trackers.name` decides.
    public func addTracker(
        name: String, rule: TrackerRule, scope: TrackerScope, at now: Date,
        seed: (any TrackerSeeding) throws -> Void
    ) throws(StorageError) -> Tracker {
        let (ruleJSON, scopeJSON) = try StoredTracker.encode(rule: rule, scope: scope)
        return try write { db in
            try UniqueConstraint.inserting(orThrow: .trackerExists(name)) {
                try db.execute(
                    sql: "INSERT INTO trackers (name, kind, rule, scope, created_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [name, rule.kind, ruleJSON, scopeJSON, now])
            }
            let tracker = Tracker(id: db.lastInsertedRowID, name: name, rule: rule, scope: scope)
            try seed(SQLiteTrackerSeeding(db: db, tracker: tracker))
            return tracker
        }
    }

    public func trackers() throws(StorageError) -> [Tracker] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, rule, scope FROM trackers ORDER BY name").map { row in
                try StoredTracker.decode(id: row["id"], name: row["name"], rule: row["rule"], scope: row["scope"])
            }
        }
    }

    public func tracker(named name: String) throws(StorageError) -> Tracker {
        guard let tracker = try trackers().first(where: { $0.name == name }) else { throw .trackerNotFound(name) }
        return tracker
    }

    public func removeTracker(named name: String) throws(StorageError) {
        try write { db in
            try db.execute(sql: "DELETE FROM trackers WHERE name = ?", arguments: [name])
            if db.changesCount == 0 { throw StorageError.trackerNotFound(name) }
        }
    }

    /// Replaces a tracker's tags (empty: none).
    public func setTrackerTags(named name: String, tags: [String]) throws(StorageError) {
        try write { db in
            try db.execute(sql: "UPDATE trackers SET tags = ? WHERE name = ?", arguments: [JSONText.array(tags), name])
            if db.changesCount == 0 { throw StorageError.trackerNotFound(name) }
        }
    }

    /// The tags of these trackers (a tracker without tags, or no longer there, is absent).
    public func trackerTags(names: Set<String>) throws(StorageError) -> [String: [String]] {
        guard !names.isEmpty else { return [:] }
        return try read { db in
            var tags: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, tags FROM trackers WHERE tags != '[]'") {
                let name: String = row["name"]
                if names.contains(name) { tags[name] = JSONText.decodeArray(row["tags"]) }
            }
            return tags
        }
    }
}
