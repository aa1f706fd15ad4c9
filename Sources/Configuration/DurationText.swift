import FeedModel
import Foundation

/// Durations as people type them: `90s`, `10m`, `2h`, `1d`, `1w`, `1h30m`, or plain seconds.
public enum DurationText {
    /// A hundred years of 365.25 days: the longest duration `parse` reads.
    public static let longest: Duration = .seconds(3_155_760_000)

    /// The duration `text` writes, at most 100 years; longer is nil. Digits are ASCII digits
    /// (no sign, no digits of other scripts), each unit follows a number, and anything else
    /// is nil.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
        var total = 0
        var numberStart = trimmed.startIndex
        var sawUnit = false
        for index in trimmed.indices {
            guard let byte = trimmed[index].asciiValue, byte < 0x30 || byte > 0x39 else { continue }
            guard let value = asciiInteger(trimmed[numberStart..<index]), let size = unitSeconds[byte] else { return nil }
            let (seconds, tooLarge) = value.multipliedReportingOverflow(by: size)
            let (sum, carried) = total.addingReportingOverflow(seconds)
            guard !tooLarge, !carried else { return nil }
            total = sum
            numberStart = trimmed.index(after: index)
            sawUnit = true
        }
        if numberStart < trimmed.endIndex {
            // "1h30": a number without its unit; "45": plain seconds.
            guard !sawUnit, let seconds = asciiInteger(trimmed[numberStart...]) else { return nil }
            total = seconds
        } else if !sawUnit {
            return nil  // empty
        }
        guard total <= longest.components.seconds else { return nil }
        return .seconds(total)
    }

    private static let unitSeconds: [UInt8: Int] = [
        UInt8(ascii: "s"): 1, UInt8(ascii: "m"): 60, UInt8(ascii: "h"): 3600, UInt8(ascii: "d"): 86400,
        UInt8(ascii: "w"): 7 * 86400,
    ]

    /// The inverse, shortest form: `15m`, `1h30m`, `45s`; whole seconds, any duration.
    public static func format(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        var rest = seconds.magnitude
        if rest == 0 { return "0s" }
        var text = seconds < 0 ? "-" : ""
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] as [(String, UInt64)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }
}

/// Byte sizes: `16MB`, `512KiB`, `1048576`.
public enum ByteSizeText {
    /// The size `text` writes, nil when it is not ASCII digits and a unit or does not fit in an `Int`.
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.utf8.prefix { $0 >= 0x30 && $0 <= 0x39 }
        guard let value = asciiInteger(trimmed.prefix(digits.count)) else { return nil }
        let unit = String(decoding: trimmed.utf8.dropFirst(digits.count), as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let multiplier: Int
        switch unit {
        case "", "b": multiplier = 1
        case "k", "kb", "kib": multiplier = 1 << 10
        case "m", "mb", "mib": multiplier = 1 << 20
        case "g", "gb", "gib": multiplier = 1 << 30
        default: return nil
        }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : bytes
    }
}
