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
/// Fields that do not apply to a kind are nil and left out of the JSON, except `tracker`, which is
/// always present (null for feed alerts).
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

    /// A figure as an alert reports it: `previous` cites where it was seen, `current` the sentence.
    public struct FigureValue: Sendable, Codable, Equatable {
        public var value: Double
        public var unit: String
        public var text: String
        public var sentence: String?
        public var articleURL: String?
        public var seen: String?
        /// Why this figure is the tracked value: its role in its sentence ("level", "level after
        /// change", "total", "part of a total").
        public var role: String?
        /// The previous level the same sentence gives ("from 250 to 180": 250), if any.
        public var statedPrevious: Double?
        /// How the sentence gives the figure: "reported", or "attributed" to `attribution`.
        public var status: String?
        /// Who the sentence says the figure comes from ("the governor"), for an attributed figure.
        public var attribution: String?
        public init(
            value: Double, unit: String, text: String, sentence: String? = nil, articleURL: String? = nil, seen: String? = nil,
            role: String? = nil, statedPrevious: Double? = nil, status: String? = nil, attribution: String? = nil
        ) {
            self.status = status
            self.attribution = attribution
            self.value = value
            self.unit = unit
            self.text = text
            self.sentence = sentence
            self.articleURL = articleURL
            self.seen = seen
            self.role = role
            self.statedPrevious = statedPrevious
        }
        enum CodingKeys: String, CodingKey {
            case value, unit, text, sentence, seen, role, status, attribution
            case articleURL = "article_url"
            case statedPrevious = "stated_previous"
        }
    }

    /// `ratio` is the change relative to the previous value (absent when that was zero).
    public struct FigureChange: Sendable, Codable, Equatable {
        public var delta: Double
        public var ratio: Double?
        public init(delta: Double, ratio: Double?) {
            self.delta = delta
            self.ratio = ratio
        }
    }

    /// The outlets reporting a figure alert's new value: how many, and which (feed titles);
    /// `independent` counts them as reports, copies of one story counting once.
    public struct Sources: Sendable, Codable, Equatable {
        public var count: Int
        public var independent: Int?
        public var outlets: [String]
        public init(count: Int, independent: Int? = nil, outlets: [String]) {
            self.count = count
            self.independent = independent
            self.outlets = outlets
        }
    }

    public var id: String
    public var time: String
    public var kind: AlertKind
    @NullEncoded public var tracker: String?
    public var feed: FeedRef?
    public var article: ArticleRef?
    public var matched: [String]?
    public var excerpt: String?
    /// Why a feed alert was raised (the last error, the failure count).
    public var message: String?
    public var previous: FigureValue?
    public var current: FigureValue?
    public var change: FigureChange?
    /// The article this one revises (same guid, changed content), when the alert comes from a revision.
    public var revisionOf: Int64?
    /// Figure alerts: the outlets that reported the new value when it was raised.
    public var sources: Sources?

    enum CodingKeys: String, CodingKey {
        case id, time, kind, tracker, feed, article, matched, excerpt, message, previous, current, change, sources
        case revisionOf = "revision_of"
    }

    public init(
        id: String, time: String, kind: AlertKind, tracker: String? = nil, feed: FeedRef? = nil,
        article: ArticleRef? = nil, matched: [String]? = nil, excerpt: String? = nil, message: String? = nil,
        previous: FigureValue? = nil, current: FigureValue? = nil, change: FigureChange? = nil, revisionOf: Int64? = nil,
        sources: Sources? = nil
    ) {
        self.sources = sources
        self.id = id
        self.time = time
        self.kind = kind
        self.tracker = tracker
        self.feed = feed
        self.article = article
        self.matched = matched
        self.excerpt = excerpt
        self.message = message
        self.previous = previous
        self.current = current
        self.change = change
        self.revisionOf = revisionOf
    }
}
