import Configuration
import Foundation
import FeedModel

/// A duration typed on the command line (`--interval 10m`).
///
/// Unlike the config file, the command line takes no bare number: `--interval 10` is far more
/// often meant as ten minutes than as ten seconds, so it is refused with the spellings that
/// say which.
enum DurationArgument {
    static func parse(_ text: String, option: String, within bounds: ClosedRange<Duration>) throws(CommandFailure) -> Duration {
        let shown = TerminalText.quoted(text)
        if isBareNumber(text) {
            throw .badInput("\(option) '\(shown)' has no unit: write \(shown)s, \(shown)m, \(shown)h or \(shown)d")
        }
        guard let duration = DurationText.parse(text), bounds.contains(duration) else {
            throw .badInput("invalid \(option) '\(shown)': use a duration \(DurationBounds.describe(bounds))")
        }
        return duration
    }

    /// ASCII digits and nothing else (white space around them aside).
    static func isBareNumber(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return !trimmed.isEmpty && trimmed.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
