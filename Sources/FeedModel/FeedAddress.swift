import Foundation

/// The one check of a feed's URL, wherever one comes from: the command line, an OPML file, a
/// list of URLs, a server's permanent redirect.
///
/// Guarantees for an accepted address: the scheme is `http`, `https` or `file`; there is a host
/// (http and https) or a path (file); it holds no control character, space or bidirectional
/// override; an international host name is stored in its ASCII (punycode) form, so libcurl, host
/// pauses and duplicate checks all see one spelling.
public enum FeedAddress {
    /// The lower-cased host a URL names: what host pauses and `feed resume HOST` key on.
    public static func host(of url: String) -> String? {
        URL(string: url)?.host?.lowercased()
    }

    public static func validated(_ text: String) throws(FeedAddressError) -> String {
        if TerminalText.hasControlCharacters(text) { throw .controlCharacter(text) }
        guard text.contains("://") || text.lowercased().hasPrefix("file:") else { throw .notAURL(text) }
        if text.unicodeScalars.contains(where: { $0.properties.isWhitespace }) { throw .space(text) }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            throw .notAURL(text)
        }
        switch scheme {
        case "http", "https":
            guard let host = url.host, !host.isEmpty else { throw .noHost(text) }
            // Foundation writes an international host in punycode; anything else it changed
            // (percent-encoding) is kept as it was typed, which was already valid.
            return text.unicodeScalars.allSatisfy(\.isASCII) ? text : url.absoluteString
        case "file":
            guard !url.path.isEmpty else { throw .noPath(text) }
            return text
        default:
            throw .unsupportedScheme(scheme, text)
        }
    }
}

/// Why a feed URL was refused; every message shows the URL with control characters escaped.
public enum FeedAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    case controlCharacter(String)
    case space(String)
    case notAURL(String)
    case noHost(String)
    case noPath(String)
    case unsupportedScheme(String, String)

    public var description: String {
        switch self {
        case .controlCharacter(let text): "URL contains a control character: '\(TerminalText.quoted(text))'"
        case .space(let text): "URL contains a space: '\(TerminalText.quoted(text))' (write it as %20)"
        case .notAURL(let text): "not a URL: '\(TerminalText.quoted(text))' (expected http://, https:// or file://, or the path of a file)"
        case .noHost(let text): "URL has no host: '\(TerminalText.quoted(text))'"
        case .noPath(let text): "file URL has no path: '\(TerminalText.quoted(text))'"
        case .unsupportedScheme(let scheme, let text):
            "unsupported URL scheme '\(TerminalText.escaped(scheme))' in '\(TerminalText.quoted(text))' (use http, https or file)"
        }
    }
}
