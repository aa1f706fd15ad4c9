import Foundation

/// The feed formats FeedWatch reads; the raw value is what `feedwatch parse --json` prints.
public enum FeedFormat: String, Sendable, Codable, Equatable {
    case rss20 = "rss2.0"
    case rss10 = "rss1.0"
    case rss09x = "rss0.9x"
    case atom10 = "atom1.0"
    case atom03 = "atom0.3"
    case jsonFeed = "jsonfeed1.x"
    /// Microsoft's Channel Definition Format (1997).
    case cdf
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
    /// The first of `authors`.
    public var author: String?
    /// Every author the item names, in document order (else those its feed names).
    public var authors: [String]
    /// As the feed gave it (may hold HTML).
    public var summary: String?
    /// As the feed gave it (may hold HTML).
    public var content: String?
    /// What readers see of each category: Atom's `label`, else its `term` (the element's text in RSS).
    public var categories: [String]
    /// The machine-readable term of each category of `categories`, in the same order (Atom's
    /// `term`; the same text as the category in formats without labels).
    public var categoryTerms: [String]
    /// Media files the item carries (podcast episodes, videos), without duplicate URLs.
    public var enclosures: [Enclosure]
    /// Plain text of the body (content, else summary): what trackers read.
    public var text: String
    /// The body `text` was read from is plain text (JSON Feed's `content_text`, Atom's
    /// `type="text"`), not HTML: `text` can be derived again from `content`/`summary` and this.
    public var bodyIsPlainText: Bool
    /// Lowercase hex SHA-256 of the normalised title and text; the deduplication key.
    public var contentHash: String

    public init(
        id: String, title: String?, link: String?, published: Date?, updated: Date?, author: String?,
        summary: String?, content: String?, categories: [String], text: String, contentHash: String,
        authors: [String]? = nil, categoryTerms: [String]? = nil, enclosures: [Enclosure] = [], bodyIsPlainText: Bool = false
    ) {
        self.bodyIsPlainText = bodyIsPlainText
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
        self.authors = authors ?? (author.map { [$0] } ?? [])
        self.categoryTerms = categoryTerms ?? categories
        self.enclosures = enclosures
    }
}

/// A media file attached to an item: RSS `<enclosure>`, an Atom `rel="enclosure"` link or
/// `media:content`.
public struct Enclosure: Sendable, Equatable {
    /// Absolute when the feed's base allowed resolving it.
    public var url: String
    /// The MIME type the feed declares, if any.
    public var type: String?
    /// Size in bytes as the feed declares it; nil when absent, zero, or not a number.
    public var length: Int?

    public init(url: String, type: String? = nil, length: Int? = nil) {
        self.url = url
        self.type = type
        self.length = length
    }
}
