import Foundation

/// RFC 3339 UTC timestamps, the only time format FeedWatch prints or stores.
public enum Timestamp {
    /// `2026-11-23T08:15:00Z`: whole seconds, UTC.
    public static func string(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Reads what `string(_:)` writes (and RFC 3339 with offsets or fractions).
    public static func date(_ text: String) -> Date? {
        RFC3339.parse(text)
    }
}
