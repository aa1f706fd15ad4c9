import FeedModel
import Foundation

/// Checks a feed URL as the user typed it (see `FeedAddress`); an existing local path is taken
/// as a `file:` URL. White space around it, as a paste brings, is dropped.
enum FeedURL {
    static func validated(_ text: String) throws(CommandFailure) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.contains("://"), !TerminalText.hasControlCharacters(trimmed), FileManager.default.fileExists(atPath: trimmed) {
            return URL(fileURLWithPath: trimmed).standardizedFileURL.absoluteString
        }
        do {
            return try FeedAddress.validated(trimmed)
        } catch {
            if case .notAURL = error, !trimmed.contains("://") {
                throw .badInput("no such file, and not a URL: '\(TerminalText.quoted(trimmed))' (expected http://, https:// or file://)")
            }
            throw .badInput(error.description)
        }
    }
}
