import FeedModel
import Foundation

/// The store the daemon and the CLI share, whichever database holds it: SQLite on one machine
/// (`SQLiteStore`), PostgreSQL for several daemons on several machines (`PostgresStore`).
///
/// Every method is one transaction and blocks its caller until it has committed: call it off the
/// cooperative pool (`Blocking.run`). Both implementations keep the same guarantees: an article
/// is stored once per content hash, an alert once per id and once per (tracker, article), an
/// outbox row once per (alert, sink).
public protocol FeedDatabase: AnyObject, Sendable {
    /// Where the database is, for messages (a file path, or a URL without its password).
    var location: String { get }
    /// False when no database exists there yet and an empty one stands in for it.
    var exists: Bool { get }
    /// Ends background work and closes the connections.
    func close()

    // MARK: Feeds
    func addFeed(_ feed: FeedRecord) throws(StorageError) -> FeedRecord
    func addFeeds(_ feeds: [FeedRecord]) throws(StorageError) -> [FeedRecord]
    func feeds() throws(StorageError) -> [FeedRecord]
    /// At most `limit` feeds, by id, of ids above `id`: every feed a page at a time.
    func feeds(after id: Int64, limit: Int) throws(StorageError) -> [FeedRecord]
    func feedTags(ids: Set<Int64>) throws(StorageError) -> [Int64: [String]]
    func feed(id: Int64) throws(StorageError) -> FeedRecord?
    func feed(url: String) throws(StorageError) -> FeedRecord?
    func feed(matching key: String) throws(StorageError) -> FeedRecord
    func removeFeed(id: Int64) throws(StorageError)
    /// The feeds to fetch now. With several daemons on one database, each due feed is handed to
    /// one of them: it is leased until `saveFetchState` records its fetch, or the lease expires.
    func dueFeeds(at now: Date) throws(StorageError) -> [FeedRecord]
    /// The feeds to fetch now a page at a time: at most `limit`, in `dueFeeds`'s order and
    /// after `cursor` (the last feed of the page before; nil for the first page), so that a page
    /// whose feeds could not be stored is not handed out again in the same pass. With several
    /// daemons the leases alone decide: what this daemon leased is not due for it again until
    /// the lease ends, and the cursor is not needed.
    func dueFeeds(at now: Date, after cursor: FeedRecord?, limit: Int) throws(StorageError) -> [FeedRecord]
    func editFeed(
        id: Int64, title: String?, intervalSeconds: Int??, addTags: [String], removeTags: [String],
        requestOptions: @Sendable (inout FeedRecord) -> Void
    ) throws(StorageError) -> FeedRecord
    func setPaused(feedIDs: [Int64], at pausedAt: Date?, now: Date) throws(StorageError)
    func saveFetchState(_ feed: FeedRecord) throws(StorageError)
    func articleCountsByFeed() throws(StorageError) -> [Int64: Int]
    func quarantine(feedID: Int64, bodyHash: String, at now: Date, reason: String) throws(StorageError)
    func liftQuarantine(feedID: Int64) throws(StorageError)
    func makeDue(feedIDs: [Int64], at now: Date) throws(StorageError)

    // MARK: Hosts
    func pauseHost(_ host: String, until: Date, reason: String) throws(StorageError)
    func hostPauses(after now: Date) throws(StorageError) -> [String: Date]
    func hostPauseList(after now: Date) throws(StorageError) -> [HostPause]
    func capHostPauses(at latest: Date) throws(StorageError)
    func liftHostPause(_ host: String) throws(StorageError) -> Bool

    // MARK: Writing a cycle
    /// Runs `body` in one write transaction, off the cooperative pool. Either all of it is
    /// committed or none; `IngestSession.isolated` lets one feed fail alone.
    func ingest<T: Sendable>(_ body: @escaping @Sendable (any IngestSession) throws -> T) async throws(StorageError) -> T
    /// The same, for callers that are not tasks (the benchmark, tests of storage alone).
    func ingestNow<T>(_ body: (any IngestSession) throws -> T) throws(StorageError) -> T
    func knownItems(feedID: Int64, guids: [String], contentHashes: [String]) throws(StorageError) -> KnownItems

    // MARK: Articles
    func articles(feedID: Int64?, feedIDs: Set<Int64>?, search: SearchQuery?, limit: Int) throws(StorageError) -> [ArticleRecord]
    func articlesNotYetSearchable() throws(StorageError) -> Int
    func sources(ofArticle id: Int64) throws(StorageError) -> [ArticleSource]
    func copies(ofStory story: Int64) throws(StorageError) -> [StoryCopy]
    func counts() throws(StorageError) -> StoreCounts
    func forEachArticle(since: Date?, _ body: (ArticleRecord) -> Void) throws(StorageError)
    func startSearchCatchUp()
    func finishSearchIndexing() throws(StorageError)

    // MARK: Trackers
    func addTracker(
        name: String, rule: TrackerRule, scope: TrackerScope, at now: Date, seed: (any TrackerSeeding) throws -> Void
    ) throws(StorageError) -> Tracker
    func trackers() throws(StorageError) -> [Tracker]
    func tracker(named name: String) throws(StorageError) -> Tracker
    func removeTracker(named name: String) throws(StorageError)
    func setTrackerTags(named name: String, tags: [String]) throws(StorageError)
    func trackerTags(names: Set<String>) throws(StorageError) -> [String: [String]]
    func figureHistory(trackerID: Int64) throws(StorageError) -> [FigureObservation]

    // MARK: Alerts
    func unloggedAlertCount() throws(StorageError) -> Int
    func record(_ alerts: [PendingAlert], feedID: Int64?) throws(StorageError) -> [EncodedAlert]
    func unloggedAlerts(raisedBefore cutoff: Date?) throws(StorageError) -> [EncodedAlert]
    func markLogged(_ ids: [String]) throws(StorageError)
    func markLogged(_ alerts: [LoggedAlert], at now: Date) throws(StorageError)
    func alerts(since: Date?, tracker: String?, feedIDs: Set<Int64>?, limit: Int?) throws(StorageError) -> [Alert]
    /// Alerts stored after `sequence`, and `last`, the sequence to ask after next time. With
    /// PostgreSQL, alerts of the last minute come again (a number below `last` may commit after
    /// this read): a follower skips the ids it has shown.
    func alerts(after sequence: Int64) throws(StorageError) -> (alerts: [Alert], last: Int64)
    /// Blocks until an alert may have been stored since the last call, or `seconds` have passed:
    /// PostgreSQL wakes it at once (`LISTEN`), SQLite at the end of the wait.
    func waitForAlerts(upTo seconds: Double)
    func alert(id: String) throws(StorageError) -> EncodedAlert?
    func lastAlertSequence() throws(StorageError) -> Int64

    // MARK: Outbox
    func outboxDue() throws(StorageError) -> [String: Date]
    func pendingDeliveries(for sink: String, limit: Int) throws(StorageError) -> [OutboxEntry]
    func markDelivered(_ entry: OutboxEntry, at now: Date) throws(StorageError)
    func markDelivered(_ entries: [OutboxEntry], asOneMessageAt now: Date, counted: Bool) throws(StorageError)
    func sinkMessages(for sink: String, before now: Date) throws(StorageError) -> [Date]
    func recordFailedDelivery(_ entry: OutboxEntry, error: String, retryAt: Date, at now: Date) throws(StorageError)
    func outboxSummary() throws(StorageError) -> [OutboxSummary]

    // MARK: The daemon
    func saveDaemonStatus(_ status: DaemonStatus) throws(StorageError)
    /// The daemon with the latest heartbeat.
    func daemonStatus() throws(StorageError) -> DaemonStatus?
    /// Every daemon seen in the last day, the latest heartbeat first (one with SQLite).
    func daemonStatuses() throws(StorageError) -> [DaemonStatus]

    // MARK: Room
    func dropBodies(firstSeenBefore cutoff: Date, batch: Int) throws(StorageError) -> Int
    func fileBytes() throws(StorageError) -> Int
    func releaseFreePages() throws(StorageError) -> Bool
    func reclaimSpace() throws(StorageError)
}

extension FeedDatabase {
    public func editFeed(
        id: Int64, title: String?, intervalSeconds: Int??, addTags: [String], removeTags: [String]
    ) throws(StorageError) -> FeedRecord {
        try editFeed(id: id, title: title, intervalSeconds: intervalSeconds, addTags: addTags, removeTags: removeTags) { _ in }
    }

    public func setPaused(feedIDs: [Int64], at pausedAt: Date?) throws(StorageError) {
        try setPaused(feedIDs: feedIDs, at: pausedAt, now: Date())
    }

    public func articles(
        feedID: Int64? = nil, feedIDs: Set<Int64>? = nil, search: SearchQuery? = nil, limit: Int = 20
    ) throws(StorageError) -> [ArticleRecord] {
        try articles(feedID: feedID, feedIDs: feedIDs, search: search, limit: limit)
    }

    public func forEachArticle(_ body: (ArticleRecord) -> Void) throws(StorageError) {
        try forEachArticle(since: nil, body)
    }

    public func addTracker(name: String, rule: TrackerRule, scope: TrackerScope = TrackerScope(), at now: Date) throws(StorageError) -> Tracker {
        try addTracker(name: name, rule: rule, scope: scope, at: now) { _ in }
    }

    public func unloggedAlerts() throws(StorageError) -> [EncodedAlert] {
        try unloggedAlerts(raisedBefore: nil)
    }

    public func alerts(
        since: Date? = nil, tracker: String? = nil, feedIDs: Set<Int64>? = nil, limit: Int? = nil
    ) throws(StorageError) -> [Alert] {
        try alerts(since: since, tracker: tracker, feedIDs: feedIDs, limit: limit)
    }

    public func dropBodies(firstSeenBefore cutoff: Date) throws(StorageError) -> Int {
        try dropBodies(firstSeenBefore: cutoff, batch: 500)
    }
}

/// The write stage's view of one transaction: inserts and ledger updates, nothing computed.
public protocol IngestSession: AnyObject {
    /// What trackers remember between articles, in this transaction.
    var ledger: any FigureLedger { get }
    /// Runs `body` inside a savepoint: if it throws, what it wrote is undone and the rest of the
    /// transaction stands (one feed that cannot be stored never costs the others in its batch).
    func isolated<T>(_ body: () throws -> T) throws -> T
    /// Stores one item of a feed, deduplicating by (feed, guid) and then by content hash. An item
    /// whose guid the feed delivered before with other content is a revision of its article.
    /// - Parameter body: the item's body already compressed (`ArticleBodyEncoder`); nil: compressed here.
    /// - Parameter fingerprint: the item's `StoryFingerprint`, when the caller computed it
    ///   beforehand (`.some(nil)`: too short to have one); nil: computed here.
    func ingest(_ item: ParsedItem, body: Data?, fingerprint: UInt64??, feedID: Int64, at now: Date) throws -> IngestedItem
    /// Inserts an alert unless one exists for the same (tracker, article) or with the same id;
    /// returns it encoded (as stored, and as the log will take it) if it was inserted.
    /// - Parameter story: the article's story (`ArticleRecord.story`).
    func insert(_ pending: PendingAlert, articleID: Int64?, story: Int64?, feedID: Int64?) throws -> EncodedAlert?
    func saveFetchState(_ feed: FeedRecord) throws
    /// Saves the fetch states of feeds that store nothing else in this poll, without a
    /// savepoint per feed. If it throws, none of them is saved and the transaction stands: the
    /// caller saves each on its own.
    func saveFetchStates(_ feeds: [FeedRecord]) throws
    func pauseHost(_ host: String, until: Date, reason: String) throws
    func liftQuarantine(feedID: Int64) throws
}

extension IngestSession {
    public func ingest(_ item: ParsedItem, body: Data? = nil, fingerprint: UInt64?? = nil, feedID: Int64, at now: Date) throws -> IngestedItem {
        try ingest(item, body: body, fingerprint: fingerprint, feedID: feedID, at: now)
    }

    public func insert(_ pending: PendingAlert, articleID: Int64?, feedID: Int64?) throws -> EncodedAlert? {
        try insert(pending, articleID: articleID, story: nil, feedID: feedID)
    }
}

/// What trackers remember between articles, read and written inside the transaction that stores
/// an article, so that two processes ingesting at once always compare against the value the
/// other one just reported.
public protocol FigureLedger: AnyObject {
    /// The value the tracker last raised an alert for, if it ever did.
    func reportedFigure(trackerID: Int64) throws -> FigureObservation?
    /// Records a reading; false if this tracker already read this article.
    @discardableResult func record(_ observation: FigureObservation) throws -> Bool
    /// The outlets (feeds) whose readings since observation `after` gave this value, each once,
    /// with the status of its first such reading; for corroboration (`FigureRule.minSources`).
    func outlets(trackerID: Int64, value: Double, unit: String, after: Int64?) throws -> [FigureOutlet]
    /// Whether the tracker already alerted on any article of the story whose first article is
    /// `story`: any of its reworded copies, and any version of them.
    func hasAlert(trackerID: Int64, inStory story: Int64) throws -> Bool
}

/// A tracker being added, inside the transaction that adds it: what it remembers of the stored
/// articles is written there, beside the tracker itself, so that it is never seen without it.
public protocol TrackerSeeding: AnyObject {
    /// The new tracker, with its id.
    var tracker: Tracker { get }
    /// Its figure readings and alert lookups, in this transaction.
    var ledger: any FigureLedger { get }
    /// Articles stored after `id`, in the order they were first seen: those another process
    /// stored while the caller read the others, outside this transaction.
    func articles(after id: Int64) throws -> [ArticleRecord]
    /// Every feed, by id.
    func feeds() throws -> [Int64: FeedRecord]
    /// Stores an alert unless one exists for the same (tracker, article); returns it encoded if new.
    func insert(_ pending: PendingAlert, articleID: Int64?, story: Int64?, feedID: Int64?) throws -> EncodedAlert?
}
