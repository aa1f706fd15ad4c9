import Foundation

/// The feed formats FeedWatch reads; the raw value is what `feedwatch parse --json` prints.
public enum FeedFormat: String, Sendable, Codable, Equatable {
    case rss20 = "rss2.0"
    case rss10 = "rss1.0"
    case rss09x = "rss0.9x"
    case atom10 = "atom1.0"
    case atom03 = "atom0.3"
    case jsonFeed = "jsonfeed1.x"
}

/// A feed as every format's parser delivers it: the rest of FeedWatch never sees XML.
public struct ParsedFeed: Sendable, Equatable {
    public var format: FeedFormat
    public var title: String?
    public var link: String?
    public var subtitle: String?
    public var language: String?
    public var updated: Date?
    public var items: [ParsedItem]
    /// How long the feed says it may be cached (RSS `<ttl>`, or the Syndication module's
    /// `sy:updatePeriod` and `sy:updateFrequency`), in seconds; always positive.
    public var ttlSeconds: Int?
    /// What was wrong with the document but recovered from.
    public var warnings: [String]

    public init(
        format: FeedFormat, title: String? = nil, link: String? = nil, subtitle: String? = nil,
        language: String? = nil, updated: Date? = nil, items: [ParsedItem] = [], warnings: [String] = []
    ) {
        self.format = format
        self.title = title
        self.link = link
        self.subtitle = subtitle
        self.language = language
        self.updated = updated
        self.items = items
        self.warnings = warnings
    }
}

/// One item or entry of a feed, with the text FeedWatch derives from it.
public struct ParsedItem: Sendable, Equatable {
    /// The feed's guid/id, else an id derived from the link, else from title and content.
    public var id: String
    public var title: String?
    public var link: String?
    public var published: Date?
    public var updated: Date?
    public var author: String?
    /// As the feed gave it (may hold HTML).
    public var summary: String?
    /// As the feed gave it (may hold HTML).
    public var content: String?
    public var categories: [String]
    /// Plain text of the body (content, else summary): what trackers read.
    public var text: String
    /// Lowercase hex SHA-256 of the normalised title and text; the deduplication key.
    public var contentHash: String

    public init(
        id: String, title: String?, link: String?, published: Date?, updated: Date?, author: String?,
        summary: String?, content: String?, categories: [String], text: String, contentHash: String
    ) {
        self.id = id
        self.title = title
        self.link = link
        self.published = published
        self.updated = updated
        self.author = author
        self.summary = summary
        self.content = content
        self.categories = categories
        self.text = text
        self.contentHash = contentHash
    }
}
