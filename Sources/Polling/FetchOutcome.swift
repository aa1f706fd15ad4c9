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
}

/// Why a feed yielded no items this time.
struct FeedFailure: Sendable, Error {
    var message: String
    var status: Int?
    var retryAfter: Date?
}

/// Reads `Retry-After`: delay-seconds or an HTTP-date.
enum RetryAfter {
    static func date(from header: String?, now: Date) -> Date? {
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Int(header), seconds >= 0 { return now.addingTimeInterval(TimeInterval(seconds)) }
        return FeedDate.parse(header)
    }
}

