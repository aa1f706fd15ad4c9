import FeedFetching
import FeedModel
import FeedParsing
import FeedStorage
import Foundation
import Tracking

/// One feed's poll, fully prepared for the write stage: its new fetch state, the items to store
/// (oldest first) with what the trackers found in each, and the side effects to record. Built by
/// the CPU stage; the write stage only stores it.
struct FeedPlan: Sendable {
    /// The feed as the cycle found it.
    var feed: FeedRecord
    /// Its fetch state after this poll.
    var state: FeedRecord
    var outcome: Kind
    /// Items to store, oldest first (only for a parsed body).
    var items: [PreparedItem] = []
    /// A host that asked for a pause, and until when.
    var hostPause: (host: String, until: Date, reason: String)?
    /// `feed.failing` after too many failures in a row.
    var failing: String?
    /// Whether this poll ends a run of failures long enough to have been reported.
    var recovers = false
    /// A body was handed to the parser (its in-flight marker is removed once written).
    var readBody = false
    /// When the plan was made: the time stored articles and alerts carry.
    var now: Date

    enum Kind: Sendable, Equatable {
        case deferred
        case failed
        case unchanged
        case updated
    }

    /// Storing it is one statement, the feed's new fetch state: no items (only `.updated` has
    /// any, and lifts a quarantine), no host pause and no health alert.
    var savesOnlyTheFetchState: Bool {
        outcome != .updated && hostPause == nil && failing == nil && !recovers
    }
}

/// An item to store, with its body compressed and what the trackers found in it (both nil when
/// the store already held the item as the plan was made).
struct PreparedItem: Sendable {
    var item: ParsedItem
    var body: Data?
    var findings: TrackerFindings?
    /// The item's `StoryFingerprint` (`.some(nil)`: too short for one); nil: not computed.
    var fingerprint: UInt64??

    init(item: ParsedItem, body: Data? = nil, findings: TrackerFindings? = nil, fingerprint: UInt64?? = nil) {
        self.item = item
        self.body = body
        self.findings = findings
        self.fingerprint = fingerprint
    }
}
