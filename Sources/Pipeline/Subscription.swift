import FeedParsing
import FeedStorage

/// What `feed add` learned from the feed's first request.
public struct Subscription: Sendable {
    public var feed: FeedRecord
    public var items: Int
    public var newArticles: Int
    public var alerts: Int
}

/// Why a feed was not added.
public enum SubscriptionError: Error, Sendable, CustomStringConvertible {
    /// The URL answered, but not with a feed (an HTML page, garbage, an empty body).
    case notAFeed(String)
    /// The URL answered with a web page that links these feeds (`<link rel="alternate">`).
    case discovered(page: String, feeds: [DiscoveredFeed])
    /// No usable answer: network error, HTTP error status.
    case unreachable(String)
    case storage(StorageError)
    /// The feed answered, but its items could not be stored (the feed is not added).
    case notStored(String)

    public var description: String {
        switch self {
        case .notAFeed(let message): message
        case .discovered(let page, let feeds): "\(page) is a web page linking \(feeds.count == 1 ? "1 feed" : "\(feeds.count) feeds")"
        case .unreachable(let message): message
        case .storage(let error): error.description
        case .notStored(let message): message
        }
    }
}
