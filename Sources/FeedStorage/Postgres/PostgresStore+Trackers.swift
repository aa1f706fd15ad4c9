import FeedModel
import Foundation
import PostgresNIO

extension PostgresStore {
    /// Adds a tracker and lets `seed` record what it already knows, in the same transaction.
    /// Throws `trackerExists` when the name is taken: the UNIQUE `trackers.name` decides.
    public func addTracker(
        name: String, rule: TrackerRule, scope: TrackerScope, at now: Date, seed: (any TrackerSeeding) throws -> Void
    ) throws(StorageError) -> Tracker {
        let (ruleJSON, scopeJSON) = try StoredTracker.encode(rule: rule, scope: scope)
        let added = try transaction { connection -> Tracker? in
            let rows = try connection.run("""
                INSERT INTO trackers (name, kind, rule, scope, created_at) VALUES (\(name), \(rule.kind), \(ruleJSON), \(scopeJSON), \(now))
                ON CONFLICT (name) DO NOTHING RETURNING id
                """, logger: logger).rows
            guard let row = rows.first else { return nil }
            let tracker = Tracker(id: try row.decode(Int64.self), name: name, rule: rule, scope: scope)
            try seed(PostgresTrackerSeeding(connection: connection, tracker: tracker, instance: instance, logger: logger))
            return tracker
        }
        guard let added else { throw .trackerExists(name) }
        return added
    }

    public func trackers() throws(StorageError) -> [Tracker] {
        do {
            return try rows("SELECT id, name, rule, scope FROM trackers ORDER BY name").map { row in
                let (id, name, rule, scope) = try row.decode((Int64, String, String, String?).self)
                return try StoredTracker.decode(id: id, name: name, rule: rule, scope: scope)
            }
        } catch {
            throw Self.storageError(error)
        }
    }

    public func tracker(named name: String) throws(StorageError) -> Tracker {
        guard let tracker = try trackers().first(where: { $0.name == name }) else { throw .trackerNotFound(name) }
        return tracker
    }

    public func removeTracker(named name: String) throws(StorageError) {
        guard try execute("DELETE FROM trackers WHERE name = \(name)") > 0 else { throw .trackerNotFound(name) }
    }

    public func setTrackerTags(named name: String, tags: [String]) throws(StorageError) {
        guard try execute("UPDATE trackers SET tags = \(JSONText.array(tags)) WHERE name = \(name)") > 0 else {
            throw .trackerNotFound(name)
        }
    }

    public func trackerTags(names: Set<String>) throws(StorageError) -> [String: [String]] {
        guard !names.isEmpty else { return [:] }
        do {
            var tags: [String: [String]] = [:]
            for row in try rows("SELECT name, tags FROM trackers WHERE tags != '[]' AND name = ANY(\(Array(names)))") {
                let (name, text) = try row.decode((String, String).self)
                tags[name] = JSONText.decodeArray(text)
            }
            return tags
        } catch {
            throw Self.storageError(error)
        }
    }

    static let observationColumns = """
        id, tracker_id, article_id, feed_id, value, unit, text, sentence, article_url, published, seen_at, raised, role, status,
        attribution
        """

    static func observation(_ row: PostgresRow) throws -> FigureObservation {
        let c = PostgresColumns(row)
        let seenAt: Date = try c["seen_at"]
        var observation = FigureObservation(
            trackerID: try c["tracker_id"], articleID: try c["article_id"], feedID: try c["feed_id"], value: try c["value"],
            unit: try c["unit"], text: try c["text"], sentence: try c["sentence"], articleURL: try c["article_url"],
            published: try c["published", as: Date?.self] ?? seenAt, seenAt: seenAt, raised: try c["raised"], role: try c["role"],
            status: try c["status"], attribution: try c["attribution"])
        observation.id = try c["id"]
        return observation
    }

    public func figureHistory(trackerID: Int64) throws(StorageError) -> [FigureObservation] {
        do {
            return try rows("""
                SELECT \(unescaped: Self.observationColumns) FROM figure_observations WHERE tracker_id = \(trackerID) ORDER BY published, id
                """).map(Self.observation)
        } catch {
            throw Self.storageError(error)
        }
    }
}
