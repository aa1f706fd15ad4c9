import FeedModel

/// Where an ntfy sink publishes: `server` + `/` + `topic`, with a priority and tags by alert kind.
public struct NtfyTarget: Sendable, Equatable, CustomStringConvertible {
    /// An `http` or `https` URL without a path of its own, such as `https://ntfy.sh`.
    public var server: String
    /// Letters, digits, `-` and `_` (ntfy's own rule).
    public var topic: String
    /// An access token, sent as `Authorization: Bearer …`; nil: the topic is open.
    public var token: Secret?
    /// ntfy priorities (1 min … 5 max) by alert kind; a kind not listed gets `NtfyTarget.defaultPriorities`.
    public var priorities: [AlertKind: Int] = [:]
    /// Sent with every alert beside the kind's own tag.
    public var tags: [String] = []

    /// A failing feed or a changed figure is news worth a sound; a recovery is not.
    public static let defaultPriorities: [AlertKind: Int] = [
        .keywordMatched: 3, .figureChanged: 4, .figureFirstSeen: 3, .feedFailing: 4, .feedRecovered: 2,
    ]

    public init(server: String, topic: String, token: Secret? = nil) {
        self.server = server
        self.topic = topic
        self.token = token
    }

    public func priority(for kind: String) -> Int {
        guard let kind = AlertKind(rawValue: kind) else { return 3 }
        return priorities[kind] ?? Self.defaultPriorities[kind] ?? 3
    }

    /// The topic's URL: never a credential (the token travels in a header).
    public var url: String {
        (server.hasSuffix("/") ? String(server.dropLast()) : server) + "/" + topic
    }

    public var description: String { "ntfy \(url)\(token == nil ? "" : " (token)")" }
}
