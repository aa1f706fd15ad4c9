import Foundation

/// What happened: the `kind` field of the alert log.
public enum AlertKind: String, Sendable, Codable, Equatable, CaseIterable {
    case keywordMatched = "keyword.matched"
    case figureChanged = "figure.changed"
    case figureFirstSeen = "figure.first_seen"
    case feedFailing = "feed.failing"
    case feedRecovered = "feed.recovered"
}

/// One alert exactly as it is written to the alert log (one JSON object per line).
/// Fields that do not apply to a kind are nil and left out of the JSON.
public struct Alert: Sendable, Codable, Equatable {
    public struct FeedRef: Sendable, Codable, Equatable {
        public var id: Int64
        public var url: String
        public var title: String?
        public init(id: Int64, url: String, title: String?) {
            self.id = id
            self.url = url
            self.title = title
        }
    }

    public struct ArticleRef: Sendable, Codable, Equatable {
        public var id: Int64
        public var title: String?
        public var url: String?
        public var published: String?
        public var contentHash: String
        public init(id: Int64, title: String?, url: String?, published: String?, contentHash: String) {
            self.id = id
            self.title = title
            self.url = url
            self.published = published
            self.contentHash = contentHash
        }
        enum CodingKeys: String, CodingKey {
            case id, title, url, published
            case contentHash = "content_hash"
        }
    }

    public var id: String
    public var time: String
    public var kind: AlertKind
    public var tracker: String?
    public var feed: FeedRef?
    public var article: ArticleRef?
    public var matched: [String]?
    public var excerpt: String?
    /// Why a feed alert was raised (the last error, the failure count).
    public var message: String?

    public init(
        id: String, time: String, kind: AlertKind, tracker: String? = nil, feed: FeedRef? = nil,
        article: ArticleRef? = nil, matched: [String]? = nil, excerpt: String? = nil, message: String? = nil
    ) {
        self.id = id
        self.time = time
        self.kind = kind
        self.tracker = tracker
        self.feed = feed
        self.article = article
        self.matched = matched
        self.excerpt = excerpt
        self.message = message
    }

    /// `tracker` is always present (null for feed alerts); the other optional fields are left out.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(time, forKey: .time)
        try container.encode(kind, forKey: .kind)
        try container.encode(tracker, forKey: .tracker)
        try container.encodeIfPresent(feed, forKey: .feed)
        try container.encodeIfPresent(article, forKey: .article)
        try container.encodeIfPresent(matched, forKey: .matched)
        try container.encodeIfPresent(excerpt, forKey: .excerpt)
        try container.encodeIfPresent(message, forKey: .message)
    }
}
