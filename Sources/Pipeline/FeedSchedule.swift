import FeedModel
import Foundation

/// When a feed is fetched next: its interval after a success, an exponential backoff with
/// jitter after failures (capped, never giving up), and no earlier than a server's Retry-After,
/// which is itself capped at `maxServerWait`: no answer can put a feed off for good.
public struct FeedSchedule: Sendable {
    public var defaultInterval: Duration
    public var maxBackoff: Duration
    /// The first retry after a failure; doubles with each consecutive failure.
    public var firstRetry: Duration = .seconds(60)
    /// Fraction of the wait added or removed at random, so feeds do not fire in lockstep.
    public var jitter: Double = 0.1

    public init(defaultInterval: Duration, maxBackoff: Duration) {
        self.defaultInterval = defaultInterval
        self.maxBackoff = maxBackoff
    }

    /// The longest a server may put a feed off: its hints (RSS `<ttl>`, `sy:updatePeriod`,
    /// `Cache-Control: max-age`) stretch the interval at most this far, and a `Retry-After`
    /// further than this is cut to it.
    public var maxServerWait: Duration = .seconds(24 * 3600)

    /// The feed's interval (its own, else the default), lengthened by what the server asks for,
    /// at most fourfold and at most `maxHintedInterval`. A hint never shortens the interval.
    public func interval(forFeedInterval seconds: Int?, serverInterval hint: Int? = nil) -> Duration {
        let base = seconds.map { Duration.seconds($0) } ?? defaultInterval
        guard let hint, .seconds(hint) > base else { return base }
        return min(.seconds(hint), base * 4, max(base, maxServerWait))
    }

    public func afterSuccess(
        at now: Date, feedInterval seconds: Int?, serverInterval hint: Int? = nil,
        using generator: inout some RandomNumberGenerator
    ) -> Date {
        let wait = interval(forFeedInterval: seconds, serverInterval: hint)
        return now.addingTimeInterval(backoff.jittered(Double(wait.components.seconds), using: &generator))
    }

    /// `failures` counts this one (1 after the first failure).
    public func afterFailure(
        at now: Date, failures: Int, retryAfter: Date?, using generator: inout some RandomNumberGenerator
    ) -> Date {
        let next = now.addingTimeInterval(backoff.delay(afterFailures: failures, using: &generator))
        if let retryAfter = retryAfter.map({ bounded($0, from: now) }), retryAfter > next { return retryAfter }
        return next
    }

    /// A server's requested time, no later than `maxServerWait` from now.
    public func bounded(_ requested: Date, from now: Date) -> Date {
        min(requested, now.addingTimeInterval(Double(maxServerWait.components.seconds)))
    }

    /// The failure backoff, and the jitter that spreads successful polls too.
    private var backoff: Backoff { Backoff(firstWait: firstRetry, longestWait: maxBackoff, jitter: jitter) }
}
