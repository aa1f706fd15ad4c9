import ArticleText
import GRDB
import Synchronization

/// The fingerprints of the most recent stored articles, for finding the story a new article
/// belongs to: the nearest within `StoryFingerprint.maximumDistance` bits. Holds only what is
/// committed: each write transaction first reads the rows stored since (by any process), and
/// the articles it stores itself are looked up in the transaction's own list, so a rolled-back
/// article is never remembered. Comparing with a few thousand fingerprints costs microseconds.
final class StoryIndex: Sendable {
    struct Entry {
        var id: Int64
        var fingerprint: UInt64
        var story: Int64
    }

    /// How many recent articles a new one is compared with: copies of a story arrive within
    /// hours, while thousands of articles a day pass through a large installation.
    static let capacity = 5_000

    /// Fingerprints and their stories side by side, so that the comparison loop reads one
    /// contiguous array of integers.
    private struct State {
        var prints: [UInt64] = []
        var stories: [Int64] = []
        /// Where the next entry goes once the arrays are full.
        var next = 0
        var lastID: Int64?
    }

    private let state = Mutex(State())

    /// Reads the fingerprinted articles stored since the last call (the newest `capacity` the first time).
    func refresh(_ db: Database) throws {
        let lastID = state.withLock { $0.lastID }
        let rows: [Row]
        if let lastID {
            rows = try Row.fetchAll(
                db, sql: "SELECT id, fingerprint, COALESCE(story_id, id) AS story FROM articles WHERE id > ? AND fingerprint IS NOT NULL ORDER BY id",
                arguments: [lastID])
        } else {
            rows = try Row.fetchAll(
                db, sql: """
                    SELECT * FROM (SELECT id, fingerprint, COALESCE(story_id, id) AS story FROM articles
                    WHERE fingerprint IS NOT NULL ORDER BY id DESC LIMIT \(Self.capacity)) ORDER BY id
                    """)
        }
        let newest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM articles") ?? 0
        state.withLock { state in
            for row in rows {
                add(Entry(id: row["id"], fingerprint: UInt64(bitPattern: row["fingerprint"]), story: row["story"]), to: &state)
            }
            state.lastID = max(state.lastID ?? 0, newest)
        }
    }

    /// The story of the nearest fingerprint within the limit, among the indexed ones and `pending`.
    func story(of fingerprint: UInt64, pending: [Entry]) -> Int64? {
        var best: (distance: Int, story: Int64)?
        func consider(_ entry: Entry) {
            let distance = StoryFingerprint.distance(entry.fingerprint, fingerprint)
            guard distance <= StoryFingerprint.maximumDistance else { return }
            if let current = best, current.distance <= distance { return }
            best = (distance, entry.story)
        }
        state.withLock { state in
            for index in state.prints.indices {
                let distance = StoryFingerprint.distance(state.prints[index], fingerprint)
                guard distance <= StoryFingerprint.maximumDistance else { continue }
                if let current = best, current.distance <= distance { continue }
                best = (distance, state.stories[index])
            }
        }
        pending.forEach(consider)
        return best?.story
    }

    private func add(_ entry: Entry, to state: inout State) {
        if state.prints.count < Self.capacity {
            state.prints.append(entry.fingerprint)
            state.stories.append(entry.story)
        } else {
            state.prints[state.next] = entry.fingerprint
            state.stories[state.next] = entry.story
            state.next = (state.next + 1) % Self.capacity
        }
    }
}
