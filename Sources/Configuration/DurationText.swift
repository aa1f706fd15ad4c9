import Foundation

/// Durations as people type them: `90s`, `10m`, `2h`, `1d`, `1h30m`, or plain seconds.
public enum DurationText {
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return nil }
        if let seconds = Int(trimmed), seconds >= 0 { return .seconds(seconds) }
        var total = 0
        var number = ""
        for character in trimmed {
            if character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number) else { return nil }
            switch character {
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            case "d": total += value * 86400
            case "w": total += value * 7 * 86400
            default: return nil
            }
            number = ""
        }
        guard number.isEmpty else { return nil }
        return .seconds(total)
    }

    /// The inverse, shortest form: `15m`, `1h30m`, `45s`.
    public static func format(_ duration: Duration) -> String {
        var seconds = Int(duration.components.seconds)
        if seconds == 0 { return "0s" }
        var text = ""
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where seconds >= size {
            text += "\(seconds / size)\(unit)"
            seconds %= size
        }
        return text
    }
}

/// Byte sizes: `16MB`, `512KiB`, `1048576`.
public enum ByteSizeText {
    public static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber }
        guard let value = Int(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        switch unit {
        case "", "b": return value
        case "k", "kb", "kib": return value << 10
        case "m", "mb", "mib": return value << 20
        case "g", "gb", "gib": return value << 30
        default: return nil
        }
    }
}
