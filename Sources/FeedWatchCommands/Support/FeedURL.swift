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
                let shown = TerminalText.quoted(trimmed)
                if looksLikePath(trimmed) { throw .badInput("no such file: '\(shown)'") }
                if looksLikeHost(trimmed) {
                    throw .badInput("not a URL: '\(shown)' has no scheme (did you mean 'https://\(shown)'?)")
                }
                throw .badInput("no such file, and not a URL: '\(shown)' (expected http://, https:// or file://)")
            }
            throw .badInput(error.description)
        }
    }

    /// `/srv/feed.xml`, `./feed.xml`, `~/feeds/x.rss`, `feeds/x.xml`: a path that names no file.
    static func looksLikePath(_ text: String) -> Bool {
        if text.hasPrefix("/") || text.hasPrefix("./") || text.hasPrefix("../") || text.hasPrefix("~") { return true }
        let first = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? text
        let extensions = [".xml", ".rss", ".atom", ".json", ".opml", ".rdf", ".txt"]
        return !looksLikeHost(first) && (text.contains("/") || extensions.contains { text.lowercased().hasSuffix($0) })
    }

    /// `example.com/feed`, `news.example.org`: a host name whose scheme was left out.
    static func looksLikeHost(_ text: String) -> Bool {
        let host = text.split(separator: "/", maxSplits: 1).first.map(String.init) ?? text
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let last = labels.last, last.count >= 2, last.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        let extensions = ["xml", "rss", "atom", "json", "opml", "rdf", "txt"]
        if labels.count == 2, extensions.contains(last.lowercased()), !text.contains("/") { return false }
        return labels.allSatisfy { label in !label.isEmpty && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }
    }
}
