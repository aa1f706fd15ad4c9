import FeedModel
import Foundation

/// Reads the dates feeds carry: RFC 822/1123 with its real-world variants (no weekday, two-digit
/// years, no seconds, named zones such as EST or MSK, `GMT+0300`) and RFC 3339 / ISO 8601.
public enum FeedDate {
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let first = trimmed.unicodeScalars.first else { return nil }
        if first.properties.numericType != nil, let date = RFC3339.parse(trimmed) { return date }
        return rfc822(trimmed)
    }

    /// `[Wkd,] DD Mon YYYY HH:MM[:SS] [zone]`, tolerant of case, commas and missing parts.
    static func rfc822(_ text: String) -> Date? {
        let tokens = text.split { $0 == " " || $0 == "," || $0 == "\t" }.map(String.init)
        var index = 0
        if index < tokens.count, tokens[index].first?.isLetter == true, month(tokens[index]) == nil { index += 1 }
        var day: Int?
        var monthNumber: Int?
        // Either "21 Nov" or "Nov 21".
        if index + 1 < tokens.count, let d = Int(tokens[index]), let m = month(tokens[index + 1]) {
            day = d
            monthNumber = m
            index += 2
        } else if index + 1 < tokens.count, let m = month(tokens[index]), let d = Int(tokens[index + 1]) {
            day = d
            monthNumber = m
            index += 2
        }
        guard let day, let monthNumber, index < tokens.count, var year = Int(tokens[index]) else { return nil }
        index += 1
        if tokens[index - 1].count <= 2 { year += year < 50 ? 2000 : 1900 }
        var hour = 0, minute = 0, second = 0
        if index < tokens.count, tokens[index].contains(":") {
            let parts = tokens[index].split(separator: ":").map { Int($0) }
            guard parts.count >= 2, let h = parts[0], let m = parts[1] else { return nil }
            hour = h
            minute = m
            if parts.count > 2, let s = parts[2] { second = s }
            index += 1
        }
        var offset = 0
        if index < tokens.count {
            guard let zone = zoneOffset(tokens[index...].joined()) else { return nil }
            offset = zone
        }
        guard let seconds = CivilTime.epochSeconds(
            year: year, month: monthNumber, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return Date(timeIntervalSince1970: Double(seconds - offset))
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func month(_ token: String) -> Int? {
        let lower = token.lowercased()
        guard lower.count >= 3 else { return nil }
        let prefix = String(lower.prefix(3))
        guard let index = months.firstIndex(of: prefix) else { return nil }
        return index + 1
    }

    /// Seconds east of UTC for `+0300`, `-05:00`, `GMT`, `EST`, `GMT+0300`, `UTC+3`…
    static func zoneOffset(_ token: String) -> Int? {
        var zone = token.uppercased()
        var base = 0
        for (name, minutes) in namedZones where zone.hasPrefix(name) {
            let rest = zone.dropFirst(name.count)
            if rest.isEmpty { return minutes * 60 }
            if rest.first == "+" || rest.first == "-" {
                base = minutes * 60
                zone = String(rest)
                break
            }
        }
        guard let sign = zone.first, sign == "+" || sign == "-" else { return nil }
        let digits = zone.dropFirst().filter { $0 != ":" }
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber), digits.count <= 4 else { return nil }
        let hours: Int
        let minutes: Int
        if digits.count <= 2 {
            hours = Int(digits)!
            minutes = 0
        } else {
            hours = Int(digits.dropLast(2))!
            minutes = Int(digits.suffix(2))!
        }
        let magnitude = hours * 3600 + minutes * 60
        return base + (sign == "+" ? magnitude : -magnitude)
    }

    /// Longest names first so that "EEST" wins over "EST".
    /// Offsets in minutes.
    private static let namedZones: [(String, Int)] = [
        ("CEST", 120), ("EEST", 180), ("AEST", 600), ("AEDT", 660), ("MSK", 180), ("MSD", 240), ("UTC", 0),
        ("GMT", 0), ("EST", -300), ("EDT", -240), ("CST", -360), ("CDT", -300), ("MST", -420), ("MDT", -360),
        ("PST", -480), ("PDT", -420), ("CET", 60), ("EET", 120), ("WET", 0), ("BST", 60), ("IST", 330),
        ("JST", 540), ("KST", 540), ("HKT", 480), ("UT", 0), ("Z", 0),
    ]
}
