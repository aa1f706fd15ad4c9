import ArticleText
import CNearestPrint
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
    let capacity: Int

    init(capacity: Int = StoryIndex.capacity) {
        self.capacity = capacity
    }

    /// Entries by column, fingerprints side by side, so that the comparison loop (in C) reads one
    /// contiguous array of integers. The index's recent entries are one; the articles a
    /// transaction stored, oldest first and not yet committed, are another (`story(of:pending:)`).
    struct Fingerprints {
        private(set) var prints: [UInt64] = []
        private(set) var ids: [Int64] = []
        private(set) var stories: [Int64] = []

        init(_ entries: [Entry] = []) {
            for entry in entries { append(entry) }
        }

        var count: Int { prints.count }

        mutating func append(_ entry: Entry) {
            prints.append(entry.fingerprint)
            ids.append(entry.id)
            stories.append(entry.story)
        }

        fileprivate mutating func replace(at index: Int, with entry: Entry) {
            prints[index] = entry.fingerprint
            ids[index] = entry.id
            stories[index] = entry.story
        }

        /// Forgets all but the first `count` (a savepoint rolled back the rest).
        mutating func truncate(to count: Int) {
            prints.removeSubrange(count...)
            ids.removeSubrange(count...)
            stories.removeSubrange(count...)
        }
    }

    private struct State {
        /// The most recent `capacity` entries, a ring once full.
        var recent = Fingerprints()
        /// Where the next entry goes once the ring is full.
        var next = 0
        var lastID: Int64?
    }

    private let state = Mutex(State())

    /// The newest article id read so far; nil before the first read.
    var lastID: Int64? { state.withLock { $0.lastID } }

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
                    WHERE fingerprint IS NOT NULL ORDER BY id DESC LIMIT \(capacity)) ORDER BY id
                    """)
        }
        let newest = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM articles") ?? 0
        remember(rows.map { Entry(id: $0["id"], fingerprint: UInt64(bitPattern: $0["fingerprint"]), story: $0["story"]) }, upTo: newest)
    }

    /// Adds committed articles, oldest first; `newest` is the newest id the store holds.
    func remember(_ entries: [Entry], upTo newest: Int64) {
        state.withLock { state in
            for entry in entries { add(entry, to: &state) }
            state.lastID = max(state.lastID ?? 0, newest)
        }
    }

    /// The story of the nearest fingerprint within the limit among the `capacity` fingerprinted
    /// articles stored just before this one: the newest indexed ones and then `pending` (this
    /// transaction's, oldest first). The same articles are compared however the writes were
    /// batched into transactions, and of two as near, the older one is taken, so the story never
    /// depends on timing.
    func story(of fingerprint: UInt64, pending: Fingerprints) -> Int64? {
        var best: (distance: Int, id: Int64, story: Int64)?
        /// The write stage's hot loop, a xor and a bit count per stored article, in C; only the
        /// few within the limit are compared in Swift.
        func scan(_ entries: Fingerprints, _ range: Range<Int>) {
            let (ids, stories) = (entries.ids, entries.stories)
            entries.prints.withUnsafeBufferPointer { prints in
                guard let base = prints.baseAddress else { return }
                var index = range.lowerBound
                while true {
                    index = fw_first_print_within(base, index, range.upperBound, fingerprint, Int32(StoryFingerprint.maximumDistance))
                    guard index < range.upperBound else { return }
                    let distance = (prints[index] ^ fingerprint).nonzeroBitCount
                    if best.map({ ($0.distance, $0.id) > (distance, ids[index]) }) ?? true {
                        best = (distance, ids[index], stories[index])
                    }
                    index += 1
                }
            }
        }
        let compared = min(pending.count, capacity)
        state.withLock { state in
            // The indexed entries, oldest first, but for as many of the oldest as `pending` holds.
            let count = state.recent.count
            let skip = max(0, count - (capacity - compared))
            let oldest = count < capacity ? 0 : state.next
            guard skip < count else { return }
            // Chronological order is `oldest..<count` then `0..<oldest`; the first `skip` are left out.
            let first = oldest + skip
            if first < count {
                scan(state.recent, first..<count)
                scan(state.recent, 0..<oldest)
            } else {
                scan(state.recent, (first - count)..<oldest)
            }
        }
        scan(pending, (pending.count - compared)..<pending.count)
        return best?.story
    }

    private func add(_ entry: Entry, to state: inout State) {
        if state.recent.count < capacity {
            state.recent.append(entry)
        } else {
            state.recent.replace(at: state.next, with: entry)
            state.next = (state.next + 1) % capacity
        }
    }
}
