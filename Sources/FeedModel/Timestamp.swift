import Foundation

/// RFC 3339 UTC timestamps, the only time format FeedWatch prints or stores.
public enum Timestamp {
    /// `2026-11-23T08:15:00Z`: whole seconds, UTC.
    public static func string(_ date: Date) -> String {
        var seconds = time_t(Timestamp.representableSeconds(date).rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ",
            Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Seconds since 1970 for `date`, held within years 1 to 9999 (a NaN reads as 1970): every
    /// writer of dates formats four-digit years, and no date from outside can overflow it.
    public static func representableSeconds(_ date: Date) -> Double {
        let seconds = date.timeIntervalSince1970
        guard !seconds.isNaN else { return 0 }
        return min(max(seconds, -62_135_596_800), 253_402_300_799)
    }

    /// Reads what `string(_:)` writes (and RFC 3339 with offsets or fractions).
    public static func date(_ text: String) -> Date? {
        RFC3339.parse(text)
    }
}
