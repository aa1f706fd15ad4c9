/// A Slack incoming webhook. Its URL is the credential: whoever has it can post to the channel.
public struct SlackTarget: Sendable, Equatable, CustomStringConvertible {
    public var webhookURL: Secret

    public init(webhookURL: Secret) {
        self.webhookURL = webhookURL
    }

    public var description: String { "slack webhook" }
}

/// A Discord channel webhook. Its URL is the credential.
public struct DiscordTarget: Sendable, Equatable, CustomStringConvertible {
    public var webhookURL: Secret

    public init(webhookURL: Secret) {
        self.webhookURL = webhookURL
    }

    public var description: String { "discord webhook" }
}

/// A Matrix room, posted to with a user's (or bot's) access token.
public struct MatrixTarget: Sendable, Equatable, CustomStringConvertible {
    /// The homeserver's client API base, such as `https://matrix.example.org`.
    public var homeserver: String
    /// A room id (`!abc:example.org`), which the account has joined.
    public var room: String
    public var token: Secret

    public init(homeserver: String, room: String, token: Secret) {
        self.homeserver = homeserver
        self.room = room
        self.token = token
    }

    public var description: String { "matrix \(room) on \(homeserver)" }
}

/// A Telegram chat, posted to by a bot. The bot's token is part of every request's URL.
public struct TelegramTarget: Sendable, Equatable, CustomStringConvertible {
    /// The Bot API's base, `https://api.telegram.org` unless a local Bot API server is used.
    public var apiURL: String
    public var token: Secret
    /// A chat id (`-1001234567890`) or a channel's `@name`.
    public var chatID: String

    public static let defaultAPIURL = "https://api.telegram.org"

    public init(apiURL: String = TelegramTarget.defaultAPIURL, token: Secret, chatID: String) {
        self.apiURL = apiURL
        self.token = token
        self.chatID = chatID
    }

    public var description: String { "telegram chat \(chatID)" }
}
