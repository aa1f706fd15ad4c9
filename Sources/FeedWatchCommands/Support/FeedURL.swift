import Foundation

/// Checks a feed URL as the user typed it: `http`, `https` or `file`; an existing local path is
/// taken as a `file:` URL.
enum FeedURL {
    static func validated(_ text: String) throws(CommandFailure) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if !trimmed.contains("://"), FileManager.default.fileExists(atPath: trimmed) {
            return URL(fileURLWithPath: trimmed).standardizedFileURL.absoluteString
        }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased() else {
            throw .badInput("not a URL: '\(text)' (expected http://, https:// or file://, or the path of a file)")
        }
        switch scheme {
        case "http", "https":
            guard let host = url.host, !host.isEmpty else { throw .badInput("URL has no host: '\(text)'") }
        case "file":
            guard !url.path.isEmpty else { throw .badInput("file URL has no path: '\(text)'") }
        default:
            throw .badInput("unsupported URL scheme '\(scheme)' in '\(text)' (use http, https or file)")
        }
        return trimmed
    }
}
