import AlertMessages
import FeedModel

/// An alert hook (`[[sink]]` in the config): somewhere alerts go besides the log, the database
/// and the journal. Alerts reach a sink through the outbox in the database, so a sink that is
/// down loses nothing.
public struct SinkSettings: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        /// A program run with `command` as its argument vector (never through a shell), the alert
        /// as one JSON line on standard input.
        case exec(command: [String])
        /// An HTTP POST of the alert's JSON, signed when a secret is set.
        case webhook(WebhookTarget)
        /// A push notification through an ntfy server.
        case ntfy(NtfyTarget)
        /// An e-mail through an SMTP server.
        case email(EmailTarget)
        /// A chat message in the service's own format.
        case slack(SlackTarget)
        case discord(DiscordTarget)
        case matrix(MatrixTarget)
        case telegram(TelegramTarget)

        /// The `type` of the config.
        public var typeName: String {
            switch self {
            case .exec: "exec"
            case .webhook: "webhook"
            case .ntfy: "ntfy"
            case .email: "email"
            case .slack: "slack"
            case .discord: "discord"
            case .matrix: "matrix"
            case .telegram: "telegram"
            }
        }

        /// The credentials of this target, for `Redaction`.
        public var secrets: [String] {
            switch self {
            case .exec: []
            case .webhook(let target): (target.secret.map { [$0] } ?? []) + Array(target.headers.values)
            case .ntfy(let target): target.token.map { [$0.value] } ?? []
            case .email(let target): target.password.map { [$0.value] } ?? []
            case .slack(let target): [target.webhookURL.value]
            case .discord(let target): [target.webhookURL.value]
            case .matrix(let target): [target.token.value]
            case .telegram(let target): [target.token.value]
            }
        }
    }

    /// Every `type` a sink can have.
    public static let types = ["exec", "webhook", "ntfy", "email", "slack", "discord", "matrix", "telegram"]

    /// Unique among sinks; names the sink in logs, `feedwatch status` and the outbox.
    public var name: String
    public var target: Target
    /// How long one delivery may take before it counts as failed (an exec hook is then killed).
    public var timeout: Duration
    /// Alert kinds delivered; empty: every kind.
    public var kinds: Set<AlertKind>
    /// Trackers whose alerts are delivered; empty: every alert. With a list, alerts that belong
    /// to no tracker (feed health) are not delivered.
    public var trackers: Set<String>
    /// Feed tags whose feeds' alerts are delivered; empty: every feed. With a list, an alert
    /// from a feed without one of these tags (or from no feed) is not delivered.
    public var feedTags: Set<String> = []
    /// Tracker tags whose trackers' alerts are delivered; empty: every alert. With a list, feed
    /// health alerts (no tracker) are not delivered.
    public var trackerTags: Set<String> = []
    /// Digests, a rate limit and quiet hours; immediate by default.
    public var policy = DeliveryPolicy()
    /// The `title` and `body` templates (nil: the defaults of each alert kind).
    public var message = MessageRenderer()

    public static let defaultTimeout: Duration = .seconds(30)

    public init(
        name: String, target: Target, timeout: Duration = SinkSettings.defaultTimeout, kinds: Set<AlertKind> = [],
        trackers: Set<String> = []
    ) {
        self.name = name
        self.target = target
        self.timeout = timeout
        self.kinds = kinds
        self.trackers = trackers
    }

    /// Whether an alert of this kind, raised by this tracker (nil for feed health) with these
    /// tags, from a feed with these tags, goes to the sink. Every filter that is set must accept it.
    public func accepts(kind: AlertKind, tracker: String?, feedTags tags: [String] = [], trackerTags ownTags: [String] = []) -> Bool {
        guard kinds.isEmpty || kinds.contains(kind) else { return false }
        guard feedTags.isEmpty || tags.contains(where: feedTags.contains) else { return false }
        guard trackerTags.isEmpty || ownTags.contains(where: trackerTags.contains) else { return false }
        guard !trackers.isEmpty else { return true }
        return tracker.map(trackers.contains) ?? false
    }
}

/// Where a webhook posts, and how it signs.
public struct WebhookTarget: Sendable, Equatable, CustomStringConvertible {
    /// An `http` or `https` URL.
    public var url: String
    /// The HMAC-SHA256 key for `X-FeedWatch-Signature`; nil: requests are not signed.
    public var secret: String?
    /// Extra request headers (an `Authorization` token, say), sent as given.
    public var headers: [String: String]
    /// The request body (`payload`), rendered per alert; nil: the alert's JSON line.
    public var payload: MessageTemplate?
    /// The `Content-Type` of a rendered `payload`; the alert's JSON line is always `application/json`.
    public var contentType = "application/json"

    public init(url: String, secret: String? = nil, headers: [String: String] = [:]) {
        self.url = url
        self.secret = secret
        self.headers = headers
    }

    /// Never shows the secret or header values, which may be credentials.
    public var description: String {
        "webhook \(url)\(secret == nil ? "" : " (signed)")"
    }
}
