import Foundation

/// Durations as people type them: `90s`, `10m`, `2h`, `1d`, `1w`, `1h30m`, or plain seconds.
public enum DurationText {
    /// A hundred years of 365.25 days: the longest duration `parse` reads.
    public static let longest: Duration = .seconds(3_155_760_000)

    /// The duration `text` writes, at most 100 years; longer is nil. Digits are ASCII digits
    /// (no sign, no digits of other scripts), each unit follows a number, and anything else
    /// is nil.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        var total = 0
        var number: Int?
        var sawUnit = false
        for byte in trimmed.utf8 {
            if let digit = asciiDigit(byte) {
                guard let value = appending(digit, to: number ?? 0) else { return nil }
                number = value
                continue
            }
            guard let value = number, let size = unitSeconds[byte] else { return nil }
            let (seconds, tooLarge) = value.multipliedReportingOverflow(by: size)
            let (sum, carried) = total.addingReportingOverflow(seconds)
            guard !tooLarge, !carried else { return nil }
            total = sum
            number = nil
            sawUnit = true
        }
        if let number {
            guard !sawUnit else { return nil }  // "1h30": a number without its unit
            total = number
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
        let digits = trimmed.utf8.prefix { asciiDigit($0) != nil }
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard let next = appending(Int(byte - 0x30), to: value) else { return nil }
            value = next
        }
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

@inline(__always) private func asciiDigit(_ byte: UInt8) -> Int? {
    byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
}

/// `value` with one more decimal digit, nil when it no longer fits in an `Int`.
private func appending(_ digit: Int, to value: Int) -> Int? {
    let (tens, tooLarge) = value.multipliedReportingOverflow(by: 10)
    let (next, carried) = tens.addingReportingOverflow(digit)
    return tooLarge || carried ? nil : next
}
