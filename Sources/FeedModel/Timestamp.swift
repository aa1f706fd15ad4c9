import Foundation

/// RFC 3339 UTC timestamps, the only time format FeedWatch prints or stores.
public enum Timestamp {
    /// `2026-11-23T08:15:00Z`: whole seconds, UTC.
    public static func string(_ date: Date) -> String {
        utc(date, separator: UInt8(ascii: "T"), milliseconds: false, zulu: true)
    }

    /// The one formatter of UTC times, digit by digit (`String(format:)` costs more than the
    /// insert it formats for): `YYYY-MM-DD`, the separator, `hh:mm:ss`, then optionally `.mmm`
    /// and `Z`. Years are held within 1 to 9999, so there are always four digits.
    /// Milliseconds are rounded to the nearest, so that a time read back from its own string
    /// (`…:40.123` is 40.12299… seconds as a `Double`) is written as the same string again: the
    /// store pages feeds by comparing such strings. Whole seconds are truncated.
    public static func utc(_ date: Date, separator: UInt8, milliseconds: Bool, zulu: Bool) -> String {
        let total = Int64((representableSeconds(date) * 1000).rounded(milliseconds ? .toNearestOrAwayFromZero : .down))
        var seconds = time_t(total >= 0 ? total / 1000 : (total - 999) / 1000)
        let fraction = Int(total - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let length = 19 + (milliseconds ? 4 : 0) + (zulu ? 1 : 0)
        // Written straight into the string's storage: this runs for every row a write stores.
        return String(unsafeUninitializedCapacity: length) { bytes in
            func put(_ value: Int, at offset: Int, width: Int) {
                var value = value
                for position in stride(from: offset + width - 1, through: offset, by: -1) {
                    bytes[position] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                    value /= 10
                }
            }
            put(Int(parts.tm_year) + 1900, at: 0, width: 4)
            bytes[4] = UInt8(ascii: "-")
            put(Int(parts.tm_mon) + 1, at: 5, width: 2)
            bytes[7] = UInt8(ascii: "-")
            put(Int(parts.tm_mday), at: 8, width: 2)
            bytes[10] = separator
            put(Int(parts.tm_hour), at: 11, width: 2)
            bytes[13] = UInt8(ascii: ":")
            put(Int(parts.tm_min), at: 14, width: 2)
            bytes[16] = UInt8(ascii: ":")
            put(Int(parts.tm_sec), at: 17, width: 2)
            if milliseconds {
                bytes[19] = UInt8(ascii: ".")
                put(fraction, at: 20, width: 3)
            }
            if zulu { bytes[length - 1] = UInt8(ascii: "Z") }
            return length
        }
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
