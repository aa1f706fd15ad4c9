/// A tracker as the user defined it: a name and the rule it applies to new articles.
public struct Tracker: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var rule: TrackerRule
    /// The feeds whose new articles it reads (every feed by default).
    public var scope: TrackerScope

    public init(id: Int64, name: String, rule: TrackerRule, scope: TrackerScope = TrackerScope()) {
        self.id = id
        self.name = name
        self.rule = rule
        self.scope = scope
    }
}

/// Which feeds a tracker reads: those named by id, and those with one of the tags (compared
/// ignoring case). Empty on both counts: every feed.
public struct TrackerScope: Sendable, Equatable, Codable {
    public var feeds: [Int64]
    public var tags: [String]

    public init(feeds: [Int64] = [], tags: [String] = []) {
        self.feeds = feeds
        self.tags = tags
    }

    public var isEveryFeed: Bool { feeds.isEmpty && tags.isEmpty }

    /// Whether an article that arrives through this feed is read by the tracker.
    public func admits(feedID: Int64?, tags feedTags: [String]) -> Bool {
        if isEveryFeed { return true }
        if let feedID, feeds.contains(feedID) { return true }
        let wanted = Set(tags.map { $0.lowercased() })
        return feedTags.contains { wanted.contains($0.lowercased()) }
    }
}

/// What a tracker looks for. Stored as JSON with a `kind` field, so new kinds extend it.
public enum TrackerRule: Sendable, Equatable, Codable {
    case keyword(KeywordRule)
    case figure(FigureRule)

    public var kind: String {
        switch self {
        case .keyword: "keyword"
        case .figure: "figure"
        }
    }

    private enum CodingKeys: String, CodingKey { case kind }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "keyword": self = .keyword(try KeywordRule(from: decoder))
        case "figure": self = .figure(try FigureRule(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown tracker kind '\(kind)'")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        switch self {
        case .keyword(let rule): try rule.encode(to: encoder)
        case .figure(let rule): try rule.encode(to: encoder)
        }
    }
}

/// Terms are whole words or phrases, matched regardless of case, diacritics and common
/// transliteration variants (Zelensky, Zelenskyy, Zelenskiy, Зеленский).
public struct KeywordRule: Sendable, Equatable, Codable {
    public var terms: [String]
    /// Every term must match (default: any term).
    public var requireAll: Bool
    /// An article matching any of these raises nothing.
    public var exclude: [String]

    public init(terms: [String], requireAll: Bool = false, exclude: [String] = []) {
        self.terms = terms
        self.requireAll = requireAll
        self.exclude = exclude
    }

    enum CodingKeys: String, CodingKey {
        case terms
        case requireAll = "all"
        case exclude
    }
}
