/// A PostgreSQL server and database, from the `database` setting when it is a URL:
/// `postgresql://USER@HOST:PORT/DATABASE?sslmode=require&password_file=/etc/feedwatch/pg.pass`.
///
/// The form is libpq's (`postgres://` also reads), so the URL a user already has for `psql`
/// works. The password comes from the URL, else from `password_file` (its first line), else from
/// `PGPASSWORD`; it is never printed: `description` leaves it out.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    /// How the connection is encrypted (libpq's `sslmode`).
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS if the server offers it, without checking its certificate; the default, as in libpq.
        case prefer
        /// TLS or no connection, without checking the certificate.
        case require
        /// TLS with the certificate checked against `sslrootcert` (else the system's roots) and
        /// the host name.
        case verifyFull = "verify-full"
    }

    public var user: String
    public var password: String?
    /// A file whose first line is the password (`password_file`).
    public var passwordFile: String?
    /// A host name or address; a path starting with `/` is the directory of the server's Unix socket.
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode
    /// CA certificates (PEM) that sign the server's certificate, for `verify-full`.
    public var rootCertificate: String?

    /// Whether `text` names a PostgreSQL database rather than an SQLite file.
    public static func isURL(_ text: String) -> Bool {
        text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// - Parameter defaultUser: the user when the URL names none (libpq takes the login name).
    public init(parsing url: String, defaultUser: String = "postgres") throws(PostgresAddressError) {
        let rest: Substring
        if url.hasPrefix("postgresql://") {
            rest = url.dropFirst("postgresql://".count)
        } else if url.hasPrefix("postgres://") {
            rest = url.dropFirst("postgres://".count)
        } else {
            throw .notAURL
        }
        guard !TerminalText.hasControlCharacters(rest) else { throw .controlCharacter }
        let (beforeQuery, query) = Self.split(rest, at: "?")
        let (authority, path) = Self.split(beforeQuery, at: "/")
        var userInfo: Substring?
        var hostPort = authority
        if let at = authority.lastIndex(of: "@") {
            userInfo = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
        }
        user = defaultUser
        if let userInfo {
            let (name, secret) = Self.split(userInfo, at: ":")
            if !name.isEmpty { user = try Self.decoded(name, part: "user") }
            if let secret { password = try Self.decoded(secret, part: "password") }
        }
        host = "localhost"
        port = 5432
        let (hostText, portText) = try Self.hostAndPort(hostPort)
        if !hostText.isEmpty { host = try Self.decoded(hostText, part: "host") }
        if let portText { port = try Self.port(portText) }
        database = user
        if let path, !path.isEmpty {
            // One name: a slash in it is written %2F, as libpq reads it.
            guard !path.contains("/") else { throw .badDatabaseName(String(path)) }
            database = try Self.decoded(path, part: "database name")
        }
        tls = .prefer
        if let query, !query.isEmpty {
            for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
                let (key, value) = Self.split(pair, at: "=")
                guard let value else { throw .parameterWithoutValue(String(key)) }
                let text = try Self.decoded(value, part: String(key))
                switch key {
                case "sslmode":
                    guard let mode = TLSMode(rawValue: text) else { throw .unknownTLSMode(text) }
                    tls = mode
                case "sslrootcert": rootCertificate = text
                case "password_file": passwordFile = text
                case "host": host = text
                case "port": port = try Self.port(Substring(text))
                case "user": user = text
                case "dbname": database = text
                default: throw .unknownParameter(String(key))
                }
            }
        }
        guard !user.isEmpty else { throw .empty("user") }
        guard !host.isEmpty else { throw .empty("host") }
        guard !database.isEmpty else { throw .empty("database name") }
    }

    /// The URL without its password, for messages and `feedwatch status`.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        var text = "postgresql://\(user)@\(shownHost):\(port)/\(database)"
        var parameters: [String] = []
        if tls != .prefer { parameters.append("sslmode=\(tls.rawValue)") }
        if let rootCertificate { parameters.append("sslrootcert=\(rootCertificate)") }
        if let passwordFile { parameters.append("password_file=\(passwordFile)") }
        if !parameters.isEmpty { text += "?" + parameters.joined(separator: "&") }
        return text
    }

    private static func split(_ text: Substring, at separator: Character) -> (Substring, Substring?) {
        guard let index = text.firstIndex(of: separator) else { return (text, nil) }
        return (text[..<index], text[text.index(after: index)...])
    }

    /// `host`, `host:port`, `[v6]` or `[v6]:port`.
    private static func hostAndPort(_ text: Substring) throws(PostgresAddressError) -> (Substring, Substring?) {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .badHost(String(text)) }
            let host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if after.isEmpty { return (host, nil) }
            guard after.hasPrefix(":") else { throw .badHost(String(text)) }
            return (host, after.dropFirst())
        }
        if text.contains(",") { throw .severalHosts }
        return split(text, at: ":")
    }

    /// ASCII digits only, 1-65535.
    private static func port(_ text: Substring) throws(PostgresAddressError) -> Int {
        guard !text.isEmpty, text.utf8.count <= 5, let value = asciiInteger(text), (1...65_535).contains(value) else {
            throw .badPort(String(text))
        }
        return value
    }

    /// Percent-decoded as UTF-8; a malformed escape or a result that is not text is refused.
    private static func decoded(_ text: Substring, part: String) throws(PostgresAddressError) -> String {
        var bytes: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(Hex.value), let low = iterator.next().flatMap(Hex.value) else {
                throw .badEscape(part)
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw .badEscape(part) }
        guard !TerminalText.hasControlCharacters(decoded) else { throw .controlCharacter }
        return decoded
    }
}

/// Why a `postgresql://` URL was refused; each message names what to fix.
public enum PostgresAddressError: Error, Equatable, CustomStringConvertible {
    case notAURL
    case controlCharacter
    case badPort(String)
    case badHost(String)
    case severalHosts
    case badEscape(String)
    case badDatabaseName(String)
    case parameterWithoutValue(String)
    case unknownParameter(String)
    case unknownTLSMode(String)
    case empty(String)

    public var description: String {
        switch self {
        case .notAURL: "a PostgreSQL database is named by a URL starting with postgresql://"
        case .controlCharacter: "the PostgreSQL URL holds a control character"
        case .badPort(let text): "the PostgreSQL port \(TerminalText.quoted(text)) is not a number from 1 to 65535"
        case .badHost(let text): "the PostgreSQL host \(TerminalText.quoted(text)) is not a host name, an address or [an IPv6 address]"
        case .severalHosts: "the PostgreSQL URL names several hosts; FeedWatch connects to one"
        case .badEscape(let part): "the PostgreSQL URL's \(part) has a malformed %-escape"
        case .badDatabaseName(let text):
            "the PostgreSQL database name \(TerminalText.quoted(text)) holds a '/' (one name after the host; write a slash in it as %2F)"
        case .parameterWithoutValue(let key): "the PostgreSQL URL's parameter \(TerminalText.quoted(key)) has no value (key=value)"
        case .unknownParameter(let key):
            "the PostgreSQL URL's parameter \(TerminalText.quoted(key)) is not one of sslmode, sslrootcert, password_file, host, port, user, dbname"
        case .unknownTLSMode(let mode):
            "sslmode \(TerminalText.quoted(mode)) is not one of \(PostgresAddress.TLSMode.allCases.map(\.rawValue).joined(separator: ", "))"
        case .empty(let part): "the PostgreSQL URL's \(part) is empty"
        }
    }
}
