import Foundation

/// `USER:PASSWORD` on the first line of a credentials file, for HTTP basic authentication.
/// The file holds it so the password is neither in the feed's URL nor on a command line.
public struct FeedCredentials: Sendable, Equatable {
    public var user: String
    public var password: String

    /// Nil unless the first line is a non-empty user, a colon and a password, without control
    /// characters (which no header may carry).
    public init?(_ contents: Data) {
        guard let text = String(data: contents.prefix(4096), encoding: .utf8) else { return nil }
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 } ?? ""
        guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
              !line.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        user = String(line[..<colon])
        password = String(line[line.index(after: colon)...])
    }

    /// The `Authorization` header's value.
    public var authorization: String { "Basic " + Data("\(user):\(password)".utf8).base64EncodedString() }
}

/// A proxy as a user gives it on the command line: `http://proxy.example:3128`, `socks5h://127.0.0.1:9050`.
public enum ProxyAddress {
    static let schemes: Set<String> = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]

    /// The proxy URL, or a message naming what is wrong with it.
    public static func validated(_ text: String) -> Result<String, RequestHeader.HeaderError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.utf8.count <= 2048, trimmed.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
              let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(), schemes.contains(scheme),
              let host = components.host, !host.isEmpty, components.path.isEmpty || components.path == "/",
              components.query == nil, components.fragment == nil
        else {
            return .failure(RequestHeader.HeaderError(
                text: text, reason: "use http://, https://, socks5h:// (or socks4, socks4a, socks5) then host[:port]", kind: "proxy"))
        }
        return .success(trimmed)
    }
}

/// A request header as a user gives it on the command line: `Name: value`.
public enum RequestHeader {
    /// Headers FeedWatch sets itself, or that would change what the request is.
    static let reserved: Set<String> = [
        "host", "content-length", "transfer-encoding", "connection", "if-none-match", "if-modified-since", "accept-encoding", "expect",
    ]

    /// The name and value, or why it is refused: a token name, a value of visible ASCII and spaces.
    public static func parse(_ text: String) -> Result<(name: String, value: String), HeaderError> {
        guard let colon = text.firstIndex(of: ":") else { return .failure(HeaderError(text: text, reason: "write it as 'Name: value'")) }
        let name = String(text[..<colon]).trimmingCharacters(in: .whitespaces)
        let value = String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
        let tokenBytes = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        guard !name.isEmpty, name.utf8.count <= 64, name.utf8.allSatisfy(tokenBytes.contains) else {
            return .failure(HeaderError(text: text, reason: "the name must be letters, digits and - (such as X-Api-Key)"))
        }
        guard !reserved.contains(name.lowercased()) else {
            return .failure(HeaderError(text: text, reason: "FeedWatch sets \(name) itself"))
        }
        guard value.utf8.count <= 1024, value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            return .failure(HeaderError(text: text, reason: "the value must be printable ASCII on one line, at most 1024 characters"))
        }
        return .success((name, value))
    }

    public struct HeaderError: Error, Sendable, CustomStringConvertible {
        public var text: String
        public var reason: String
        public var kind = "header"
        public var description: String { "invalid \(kind) '\(TerminalText.quoted(text))': \(reason)" }
    }
}
