import FeedModel
import Foundation
import GRDB

/// A stored article: one row per distinct content hash, however many feeds carried it.
public struct ArticleRecord: Codable, Sendable, Equatable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "articles"
    public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
    public static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    public var id: Int64?
    public var contentHash: String
    public var title: String?
    public var url: String?
    public var published: Date?
    public var updated: Date?
    public var author: String?
    public var summary: String?
    public var content: String?
    /// Plain text of the body: what trackers read and what `articles --search` searches.
    public var text: String
    public var categories: [String]
    public var firstSeen: Date
    /// The feed that carried it first.
    public var feedId: Int64?
    /// For a revision (a known guid whose content changed): the first version of the article.
    public var revisionOf: Int64?

    public init(item: ParsedItem, feedID: Int64, seenAt: Date, revisionOf: Int64? = nil) {
        self.revisionOf = revisionOf
        contentHash = item.contentHash
        title = item.title
        url = item.link
        published = item.published
        updated = item.updated
        author = item.author
        summary = item.summary
        content = item.content
        text = item.text
        categories = item.categories
        firstSeen = seenAt
        feedId = feedID
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    /// What alerts cite: the article's own date if it has one, else when FeedWatch first saw it.
    public var reference: Alert.ArticleRef {
        Alert.ArticleRef(
            id: id ?? 0, title: title, url: url, published: Timestamp.string(published ?? updated ?? firstSeen),
            contentHash: contentHash)
    }
}
