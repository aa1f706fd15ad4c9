/// A tracker as the user defined it: a name and the rule it applies to new articles.
public struct Tracker: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var name: String
    public var rule: TrackerRule

    public init(id: Int64, name: String, rule: TrackerRule) {
        self.id = id
        self.name = name
        self.rule = rule
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
