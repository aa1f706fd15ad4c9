import FeedModel
import Foundation

/// A tracker's rule and scope as both databases store them: JSON text, the scope NULL when the
/// tracker reads every feed.
enum StoredTracker {
    static func encode(rule: TrackerRule, scope: TrackerScope) throws(StorageError) -> (rule: String, scope: String?) {
        do {
            let ruleJSON = String(decoding: try JSONEncoder().encode(rule), as: UTF8.self)
            let scopeJSON = scope.isEveryFeed ? nil : String(decoding: try JSONEncoder().encode(scope), as: UTF8.self)
            return (ruleJSON, scopeJSON)
        } catch {
            throw .database("cannot encode tracker rule: \(error)")
        }
    }

    static func decode(id: Int64, name: String, rule: String, scope: String?) throws -> Tracker {
        let rule = try JSONDecoder().decode(TrackerRule.self, from: Data(rule.utf8))
        let scope = try scope.map { try JSONDecoder().decode(TrackerScope.self, from: Data($0.utf8)) } ?? TrackerScope()
        return Tracker(id: id, name: name, rule: rule, scope: scope)
    }
}

extension FeedRecord {
    /// What `editFeed` changes, the same in both databases: the title (nil leaves it), the
    /// interval (`.some(nil)` returns it to the configured default), tags added and removed (a
    /// tag is added once whatever its letter case; removal ignores case), and through
    /// `requestOptions` the headers, credentials file and proxy.
    mutating func edit(
        title: String?, intervalSeconds: Int??, addTags: [String], removeTags: [String], requestOptions: (inout FeedRecord) -> Void
    ) {
        if let title {
            self.title = title
            titleIsCustom = true
        }
        if let intervalSeconds { self.intervalSeconds = intervalSeconds }
        let removed = Set(removeTags.map { $0.lowercased() })
        var kept = tags.filter { !removed.contains($0.lowercased()) }
        for tag in addTags where !kept.contains(where: { $0.lowercased() == tag.lowercased() }) { kept.append(tag) }
        tags = kept
        requestOptions(&self)
    }
}
