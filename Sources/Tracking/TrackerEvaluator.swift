import FeedModel

/// One tracker firing on one article.
public struct TrackerHit: Sendable, Equatable {
    public var tracker: Tracker
    public var kind: AlertKind
    public var matched: [String]
    public var excerpt: String
}

/// Runs every tracker over a new article. Each tracker's terms are folded once, so the cost is
/// linear in articles × trackers.
public struct TrackerEvaluator: Sendable {
    private let keywordTrackers: [(Tracker, KeywordMatcher)]

    public init(trackers: [Tracker]) {
        keywordTrackers = trackers.compactMap { tracker in
            switch tracker.rule {
            case .keyword(let rule): (tracker, KeywordMatcher(rule: rule))
            }
        }
    }

    public var isEmpty: Bool { keywordTrackers.isEmpty }

    public func evaluate(title: String?, text: String) -> [TrackerHit] {
        guard !isEmpty else { return [] }
        let document = ArticleDocument(title: title, text: text)
        return keywordTrackers.compactMap { tracker, matcher in
            matcher.match(document).map {
                TrackerHit(tracker: tracker, kind: .keywordMatched, matched: $0.matched, excerpt: $0.excerpt)
            }
        }
    }
}
