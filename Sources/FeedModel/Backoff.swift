import Foundation

/// An exponential backoff: `firstWait` after the first failure, doubling with each consecutive
/// failure, never more than `longestWait`, then spread by up to `jitter` either way so that things
/// that failed together do not retry in lockstep. It never gives up: every failure count has a wait.
///
/// Pure: the only randomness comes from the generator passed in, so a seeded generator (or a
/// jitter of 0) makes every delay reproducible.
public struct Backoff: Sendable, Equatable {
    /// The wait after the first failure (whole seconds count; fractions are ignored).
    public var firstWait: Duration
    /// The cap on the doubled wait, before jitter.
    public var longestWait: Duration
    /// Fraction of the wait added or removed at random: 0.1 spreads a 60 s wait over 54...66 s.
    public var jitter: Double

    public init(firstWait: Duration, longestWait: Duration, jitter: Double) {
        self.firstWait = firstWait
        self.longestWait = longestWait
        self.jitter = jitter
    }

    /// Seconds to wait after `failures` consecutive failures, the latest included (1 after the
    /// first). Counts below 1 are treated as 1; the doubling stops at 2^30, far past any cap.
    public func delay(afterFailures failures: Int, using generator: inout some RandomNumberGenerator) -> TimeInterval {
        let exponent = Double(min(max(failures, 1) - 1, 30))
        let doubled = Double(firstWait.components.seconds) * pow(2, exponent)
        return jittered(min(doubled, Double(longestWait.components.seconds)), using: &generator)
    }

    /// `seconds` moved at random by up to `jitter` of itself; unchanged (and no number drawn)
    /// when the jitter or the wait is zero.
    public func jittered(_ seconds: TimeInterval, using generator: inout some RandomNumberGenerator) -> TimeInterval {
        guard jitter > 0, seconds > 0 else { return seconds }
        return seconds * (1 + Double.random(in: -jitter...jitter, using: &generator))
    }
}
