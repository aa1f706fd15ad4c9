import FeedModel
import Foundation
import GRDB

/// A tracker being added, inside the transaction that adds it: what it remembers of the stored
/// articles is written here, beside the tracker itself, so that it is never seen without it.
final class SQLiteTrackerSeeding: TrackerSeeding {
    let db: Database
    /// The new tracker, with its id.
    public let tracker: Tracker
    /// Its figure readings and alert lookups, in this transaction.
    public let ledger: any FigureLedger

    init(db: Database, tracker: Tracker) {
        self.db = db
        self.tracker = tracker
        ledger = SQLiteFigureLedger(db: db)
    }

    /// Articles stored after `id`, in the order they were first seen: those another process
    /// stored while the caller read the others, outside this transaction.
    public func articles(after id: Int64) throws -> [ArticleRecord] {
        try ArticleRecord.filter(Column("id") > id).order(Column("id")).fetchAll(db)
    }

    /// Every feed, by id.
    public func feeds() throws -> [Int64: FeedRecord] {
        Dictionary(try FeedRecord.fetchAll(db).compactMap { feed in feed.id.map { ($0, feed) } }) { first, _ in first }
    }

    /// Stores an alert unless one exists for the same (tracker, article); returns it encoded if new.
    public func insert(_ pending: PendingAlert, articleID: Int64?, story: Int64?, feedID: Int64?) throws -> EncodedAlert? {
        try SQLiteStore.insert(pending, articleID: articleID, story: story, feedID: feedID, in: db)
    }
}
