import FeedFetching
import FeedModel
import FeedParsing
import Foundation

/// What fetching (and, when needed, parsing) one feed produced.
enum FetchOutcome: Sendable {
    /// 304: nothing changed, nothing parsed.
    case notModified(FetchResponse)
    /// A 200 whose body hashes as the last one parsed: nothing parsed.
    case unchanged(FetchResponse)
    case parsed(FetchResponse, ParsedFeed, bodyHash: String)
    case failed(FeedFailure)
    /// Not fetched: its host asked for a pause until then.
    case deferred(until: Date)
    /// The body FeedWatch died reading last time, served again: skipped unread.
    case quarantined(FetchResponse)
}

extension FetchOutcome {
    /// Whether a body was handed to the parser (and so has an in-flight marker to remove).
    var readBody: Bool {
        switch self {
        case .parsed: true
        case .failed(let failure): failure.isNotAFeed
        case .notModified, .unchanged, .deferred, .quarantined: false
        }
    }

    /// The HTTP status for metrics, or "error" when no response came.
    var statusLabel: String {
        switch self {
        case .notModified(let response), .unchanged(let response), .parsed(let response, _, _), .quarantined(let response):
            String(response.status)
        case .failed(let failure): failure.status.map(String.init) ?? "error"
        case .deferred: "deferred"
        }
    }
}

/// Why a feed yielded no items this time.
struct FeedFailure: Sendable, Error {
    var message: String
    var status: Int?
    var retryAfter: Date?
    /// The server answered, but not with a feed.
    var isNotAFeed = false
}

/// Reads `Cache-Control: max-age` (ignored with `no-store` or `no-cache`): ASCII digits only,
/// as HTTP writes them; the scheduler bounds what it asks for.
enum CacheControl {
    static func maxAge(_ header: String?) -> Int? {
        guard let header = header?.lowercased() else { return nil }
        let directives = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if directives.contains("no-store") || directives.contains("no-cache") { return nil }
        for directive in directives where directive.hasPrefix("max-age=") {
            if let seconds = asciiInteger(directive.dropFirst(8).trimmingCharacters(in: CharacterSet(charactersIn: "\""))), seconds > 0 {
                return seconds
            }
        }
        return nil
    }
}
