import FeedModel
import Foundation

/// Reads the dates feeds carry: RFC 822/1123 with its real-world variants (no weekday, two-digit
/// years, no seconds, named zones such as EST or MSK, `GMT+0300`, a trailing comment such as
/// `(MSK)`) and RFC 3339 / ISO 8601 (also with a space before the zone: `2026-11-21 08:15:00 +0300`).
public enum FeedDate {
    public static func parse(_ text: String) -> Date? {
        var trimmed = text.trimmedASCIIWhiteSpace
        // RFC 822 allows comments; servers append the zone's name: `+0300 (MSK)`.
        if trimmed.utf8.last == UInt8(ascii: ")"), let open = trimmed.utf8.lastIndex(of: UInt8(ascii: "(")) {
            trimmed = String(trimmed[..<open]).trimmedASCIIWhiteSpace
        }
        guard let first = trimmed.utf8.first else { return nil }
        // ISO 8601 starts with the year's ASCII digits; anything else (other scripts' digits
        // included) can only be RFC 822, which rejects what it cannot read.
        if first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") {
            if let date = RFC3339.parse(trimmed) { return date }
            if let date = iso8601WithSeparateZone(trimmed) { return date }
        }
        return rfc822(trimmed)
    }

    /// `2026-11-21 08:15:00 +0300` or `… UTC`: an ISO 8601 date and time, then a space and a zone.
    private static func iso8601WithSeparateZone(_ text: String) -> Date? {
        guard let space = text.utf8.lastIndex(of: UInt8(ascii: " ")),
              let lastDigit = text.utf8[..<space].last, lastDigit >= 0x30, lastDigit <= 0x39,
              text.utf8[..<space].contains(UInt8(ascii: ":")),
              let offset = zoneOffset(String(text[text.utf8.index(after: space)...])),
              let local = RFC3339.parse(String(text[..<space]))
        else { return nil }
        return local.addingTimeInterval(Double(-offset))
    }

    /// `[Wkd,] DD Mon YYYY HH:MM[:SS] [zone]` (or `Mon DD`), tolerant of case, commas and missing parts.
    static func rfc822(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { bytes -> Date? in
            var tokens: [Range<Int>] = []
            tokens.reserveCapacity(8)
            var index = 0
            while index < bytes.count, tokens.count < 8 {
                while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x2C || bytes[index] == 0x09 { index += 1 }
                let start = index
                while index < bytes.count, bytes[index] != 0x20, bytes[index] != 0x2C, bytes[index] != 0x09 { index += 1 }
                if index > start { tokens.append(start..<index) }
            }
            func number(_ range: Range<Int>) -> Int? {
                guard !range.isEmpty, range.count <= 4 else { return nil }
                var value = 0
                for position in range {
                    let byte = bytes[position]
                    guard byte >= 0x30, byte <= 0x39 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                }
                return value
            }
            func month(_ range: Range<Int>) -> Int? {
                guard range.count >= 3 else { return nil }
                let key = (Int(bytes[range.lowerBound] | 0x20) << 16) | (Int(bytes[range.lowerBound + 1] | 0x20) << 8)
                    | Int(bytes[range.lowerBound + 2] | 0x20)
                return monthKeys[key]
            }
            var next = 0
            if next < tokens.count, let first = bytes[tokens[next].lowerBound] as UInt8?, first >= 0x41, month(tokens[next]) == nil {
                next += 1
            }
            guard next + 2 < tokens.count else { return nil }
            let day: Int
            let monthNumber: Int
            if let d = number(tokens[next]), let m = month(tokens[next + 1]) {
                (day, monthNumber) = (d, m)
            } else if let m = month(tokens[next]), let d = number(tokens[next + 1]) {
                (day, monthNumber) = (d, m)
            } else {
                return nil
            }
            next += 2
            guard var year = number(tokens[next]) else { return nil }
            if tokens[next].count <= 2 { year += year < 50 ? 2000 : 1900 }
            next += 1
            var hour = 0, minute = 0, second = 0
            if next < tokens.count {
                // `HH:MM[:SS]`, its parts found by their colons (any after the third part are ignored).
                let time = tokens[next]
                func colon(after start: Int) -> Int? { (start..<time.upperBound).first { bytes[$0] == 0x3A } }
                if let first = colon(after: time.lowerBound) {
                    let secondColon = colon(after: first + 1)
                    guard let h = number(time.lowerBound..<first),
                          let m = number((first + 1)..<(secondColon ?? time.upperBound))
                    else { return nil }
                    hour = h
                    minute = m
                    if let secondColon {
                        let end = colon(after: secondColon + 1) ?? time.upperBound
                        guard let s = number((secondColon + 1)..<end) else { return nil }
                        second = s
                    }
                    next += 1
                }
            }
            var offset = 0
            if next < tokens.count {
                // The zone's tokens joined without the spaces and commas between them.
                let zone = bytes[tokens[next].lowerBound..<tokens[tokens.count - 1].upperBound].filter { $0 != 0x20 && $0 != 0x2C }
                guard let seconds = zone.withUnsafeBufferPointer({ zoneOffset(bytes: $0) }) else { return nil }
                offset = seconds
            }
            guard let seconds = CivilTime.epochSeconds(
                year: year, month: monthNumber, day: day, hour: hour, minute: minute, second: second)
            else { return nil }
            return Date(timeIntervalSince1970: Double(seconds - offset))
        }
    }

    private static let monthKeys: [Int: Int] = {
        var keys: [Int: Int] = [:]
        for (index, name) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated() {
            let b = Array(name.utf8)
            keys[(Int(b[0]) << 16) | (Int(b[1]) << 8) | Int(b[2])] = index + 1
        }
        return keys
    }()

    /// Seconds east of UTC for `+0300`, `-05:00`, `GMT`, `EST`, `GMT+0300`, `UTC+3`…
    static func zoneOffset(_ token: String) -> Int? {
        // A zone beyond ASCII is upper-cased as Unicode says first (a dotless ı becomes I).
        var zone = token.utf8.allSatisfy { $0 < 0x80 } ? token : token.uppercased()
        return zone.withUTF8 { read(zone: $0) }
    }

    /// `zoneOffset` of a zone's UTF-8.
    private static func zoneOffset(bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        bytes.allSatisfy { $0 < 0x80 } ? read(zone: bytes) : zoneOffset(String(decoding: bytes, as: UTF8.self))
    }

    /// A zone read as bytes, its names' letters in either case: an optional name, then an
    /// optional sign and one to four ASCII digits (a colon anywhere among them).
    private static func read(zone bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var zone = bytes[...]
        var base = 0
        // A numeric offset (most feeds' `+0000`) starts with its sign, which no zone's name does.
        if let lead = zone.first, lead != UInt8(ascii: "+"), lead != UInt8(ascii: "-") {
            for (name, minutes) in namedZones where zone.count >= name.count
                && zip(zone, name).allSatisfy({ $0 == $1 || $0 == $1 | 0x20 }) {
                let rest = zone.dropFirst(name.count)
                guard let first = rest.first else { return minutes * 60 }
                if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                    base = minutes * 60
                    zone = rest
                    break
                }
            }
        }
        guard let sign = zone.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        // `+3`, `+03`, `+0300`, `+03:00`: one to four ASCII digits; other scripts' digits are not a zone.
        var value = 0  // at most 9999
        var digits = 0
        for byte in zone.dropFirst() where byte != UInt8(ascii: ":") {
            guard byte >= 0x30, byte <= 0x39, digits < 4 else { return nil }
            value = value * 10 + Int(byte - 0x30)
            digits += 1
        }
        guard digits > 0 else { return nil }
        let (hours, minutes) = digits <= 2 ? (value, 0) : (value / 100, value % 100)
        let magnitude = hours * 3600 + minutes * 60
        return base + (sign == UInt8(ascii: "+") ? magnitude : -magnitude)
    }

    /// Longest names first so that "EEST" wins over "EST"; each name's capital ASCII letters,
    /// and its offset in minutes.
    private static let namedZones: [([UInt8], Int)] = [
        ("CEST", 120), ("EEST", 180), ("AEST", 600), ("AEDT", 660), ("MSK", 180), ("MSD", 240), ("UTC", 0),
        ("GMT", 0), ("EST", -300), ("EDT", -240), ("CST", -360), ("CDT", -300), ("MST", -420), ("MDT", -360),
        ("PST", -480), ("PDT", -420), ("CET", 60), ("EET", 120), ("WET", 0), ("BST", 60), ("IST", 330),
        ("JST", 540), ("KST", 540), ("HKT", 480), ("UT", 0), ("Z", 0),
    ].map { (Array($0.0.utf8), $0.1) }
}
