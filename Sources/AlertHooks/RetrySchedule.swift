import FeedModel
import Foundation

/// When a failed delivery is tried again: 10 s, doubling with each failure, at most an hour
/// apart, with jitter; never given up. A receiver's `Retry-After` pushes the retry later, never
/// earlier (at most a day).
public struct RetrySchedule: Sendable {
    public var firstRetry: Duration = .seconds(10)
    public var longestWait: Duration = .seconds(3600)
    /// Fraction of the wait added or removed at random, so hooks that failed together do not retry in lockstep.
    public var jitter = 0.1

    public init() {}

    /// - Parameter attempts: the attempts made so far, the failed one included (1 after the first).
    public func retry(
        after attempts: Int, at now: Date, retryAfter: Date? = nil, using generator: inout some RandomNumberGenerator
    ) -> Date {
        let backoff = Backoff(firstWait: firstRetry, longestWait: longestWait, jitter: jitter)
        let next = now.addingTimeInterval(backoff.delay(afterFailures: attempts, using: &generator))
        guard let retryAfter, retryAfter > next else { return next }
        return min(retryAfter, now.addingTimeInterval(86400))
    }
}
