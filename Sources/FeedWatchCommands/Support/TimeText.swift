import Configuration
import FeedModel
import Foundation

/// Times as the CLI reads and shows them.
enum TimeText {
    /// `--since`: a duration back from now (`2h`, `3d`), a date (`2026-11-01`) or an RFC 3339
    /// time. A bare number (`--since 2`) is refused: two hours or two days, it does not say.
    static func since(_ text: String, now: Date = Date()) throws(CommandFailure) -> Date {
        let shown = TerminalText.quoted(text)
        if DurationArgument.isBareNumber(text) {
            throw .badInput("--since '\(shown)' has no unit: write \(shown)h or \(shown)d (back from now), or a date such as 2026-11-01")
        }
        if let duration = DurationText.parse(text), !text.contains("-") {
            return now.addingTimeInterval(-Double(duration.components.seconds))
        }
        guard let date = RFC3339.parse(text) else {
            throw .badInput("invalid --since '\(shown)': use a duration back from now (2h, 3d), a date (2026-11-01) or an RFC 3339 time")
        }
        return date
    }

    /// `just now`, `3m ago`: how long ago something happened, for a sentence.
    static func ago(_ date: Date, now: Date = Date()) -> String {
        let text = relative(date, now: now)
        return text == "now" ? "just now" : text
    }

    /// `3m ago`, `in 12m`, or the date when far away.
    static func relative(_ date: Date?, now: Date = Date()) -> String {
        guard let date else { return "-" }
        // Held to ±1000 years: a date from outside can be as far as it likes without trapping here.
        let seconds = Int(min(max(date.timeIntervalSince(now), -3.2e10), 3.2e10).rounded())
        let magnitude = abs(seconds)
        if magnitude > 7 * 86400 { return String(Timestamp.string(date).prefix(10)) }
        let text = magnitude < 5 ? "now" : DurationText.format(.seconds(magnitude >= 3600 ? magnitude / 60 * 60 : magnitude))
        if text == "now" { return text }
        return seconds < 0 ? "\(text) ago" : "in \(text)"
    }
}
