/// The ranges a duration from a person (config file, flags) must fall in. Each upper bound keeps
/// the arithmetic that follows (dates, milliseconds for libcurl) far from overflow and catches a
/// typo such as `interval = "15h"` meant as minutes only where it is absurd, not where it is unusual.
public enum DurationBounds {
    /// How often a feed is polled: from 10 seconds to 30 days.
    public static let feedInterval: ClosedRange<Duration> = .seconds(10) ... .seconds(30 * 86400)
    public static let connectTimeout: ClosedRange<Duration> = .seconds(1) ... .seconds(600)
    /// A whole transfer: at most an hour.
    public static let transferTimeout: ClosedRange<Duration> = .seconds(1) ... .seconds(3600)
    /// The longest wait between attempts at a failing feed: a minute to 7 days.
    public static let backoff: ClosedRange<Duration> = .seconds(60) ... .seconds(7 * 86400)
    /// The cap on what a server can ask for (Retry-After, ttl, max-age): a minute to 30 days.
    public static let serverWait: ClosedRange<Duration> = .seconds(60) ... .seconds(30 * 86400)
    /// The shortest `retention`: a day.
    public static let retentionMinimum: Duration = .seconds(86400)
    /// A PostgreSQL lease on a due feed or a delivery: longer than a transfer may take, short
    /// enough that a dead daemon's work is soon taken over.
    public static let lease: ClosedRange<Duration> = .seconds(5) ... .seconds(3600)

    /// `from 10s to 30d, such as "15m"`: what an error message says is expected.
    public static func describe(_ bounds: ClosedRange<Duration>) -> String {
        "from \"\(DurationText.format(bounds.lowerBound))\" to \"\(DurationText.format(bounds.upperBound))\", such as \"15m\""
    }
}
