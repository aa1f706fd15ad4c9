/// Where an e-mail sink sends: an SMTP server, how to reach it and log in, and the envelope.
public struct EmailTarget: Sendable, Equatable, CustomStringConvertible {
    public enum Security: String, Sendable, Equatable, CaseIterable {
        /// Plain SMTP upgraded with `STARTTLS`, required (port 587 by default).
        case startTLS = "starttls"
        /// TLS from the first byte, `smtps` (port 465 by default).
        case tls
        /// No encryption: only for a relay on the same machine (port 25 by default).
        case none

        public var defaultPort: Int {
            switch self {
            case .startTLS: 587
            case .tls: 465
            case .none: 25
            }
        }
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: Secret?
    /// The sender address (`MAIL FROM` and `From:`).
    public var from: String
    public var to: [String]
    /// Certificate authorities to trust instead of the system's, for a server with a private CA.
    public var caFile: String?

    public init(
        host: String, port: Int? = nil, security: Security = .startTLS, username: String? = nil, password: Secret? = nil,
        from: String, to: [String], caFile: String? = nil
    ) {
        self.host = host
        self.port = port ?? security.defaultPort
        self.security = security
        self.username = username
        self.password = password
        self.from = from
        self.to = to
        self.caFile = caFile
    }

    public var description: String { "email via \(host):\(port) (\(security.rawValue)) to \(to.joined(separator: ", "))" }
}
