import FeedModel
import Foundation
import GRDB

/// A stored article: one row per distinct content hash, however many feeds carried it.
///
/// On disk, the summary, content and text are one compressed `body` (see `ArticleBody`) and the
/// content hash is 32 bytes; rows written before that keep their plain columns and read the same.
public struct ArticleRecord: Codable, Sendable, Equatable, Identifiable, FetchableRecord, TableRecord {
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
    /// `text` was read from plain text, not HTML (see `ParsedItem.bodyIsPlainText`).
    public var bodyIsPlainText: Bool
    public var categories: [String]
    public var firstSeen: Date
    /// The feed that carried it first.
    public var feedId: Int64?
    /// For a revision (a known guid whose content changed): the first version of the article.
    public var revisionOf: Int64?
    /// The story it is a reworded copy of (the id of the story's first article); nil: it is the
    /// first (or only) article of its story.
    public var storyID: Int64?

    /// The story it belongs to: the id of the story's first article.
    public var story: Int64? { storyID ?? revisionOf ?? id }

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
        bodyIsPlainText = item.bodyIsPlainText
        categories = item.categories
        firstSeen = seenAt
        feedId = feedID
    }

    public init(row: Row) throws {
        id = row["id"]
        contentHash = ContentHashColumn.hex(row["content_hash"] as DatabaseValue)
        title = row["title"]
        url = row["url"]
        published = row.storedDate("published")
        updated = row.storedDate("updated")
        author = row["author"]
        categories = JSONText.decodeArray(row["categories"] as String?)
        firstSeen = row.storedDate("first_seen") ?? row["first_seen"]
        feedId = row["feed_id"]
        revisionOf = row["revision_of"]
        storyID = row["story_id"]
        if let stored = row["body"] as Data? {
            guard let body = ArticleBody(stored: stored) else {
                throw StorageError.database("article \(id ?? 0): its stored body is damaged")
            }
            (summary, content, text, bodyIsPlainText) = (body.summary, body.content, body.text, body.isPlainText)
        } else {
            (summary, content, text, bodyIsPlainText) = (row["summary"], row["content"], row["text"] ?? "", false)
        }
    }

    public static let databaseTableName = "articles"

    /// The article's body in its compressed stored form.
    public var body: ArticleBody { ArticleBody(summary: summary, content: content, isPlainText: bodyIsPlainText) }

    /// What alerts cite: the article's own date if it has one, else when FeedWatch first saw it.
    public var reference: Alert.ArticleRef {
        Alert.ArticleRef(
            id: id ?? 0, title: title, url: url, published: Timestamp.string(published ?? updated ?? firstSeen),
            contentHash: contentHash)
    }
}
