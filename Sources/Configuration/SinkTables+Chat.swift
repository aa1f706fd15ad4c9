extension SinkTables {
    func slack(_ table: TOMLTable, _ sink: Problem) throws(ConfigError) -> SlackTarget {
        SlackTarget(webhookURL: try webhookURL(table, example: "https://hooks.slack.com/services/T…/B…/…", sink))
    }

    func discord(_ table: TOMLTable, _ sink: Problem) throws(ConfigError) -> DiscordTarget {
        DiscordTarget(webhookURL: try webhookURL(table, example: "https://discord.com/api/webhooks/…/…", sink))
    }

    func matrix(_ table: TOMLTable, _ sink: Problem) throws(ConfigError) -> MatrixTarget {
        guard let homeserver = table["homeserver"]?.string else {
            throw sink.error("'homeserver' is required for a matrix sink, such as \"https://matrix.example.org\"")
        }
        try httpURL(homeserver, key: "homeserver", sink)
        guard let room = table["room"]?.string, room.hasPrefix("!"), room.contains(":"), room.count <= 255,
              room.allSatisfy({ $0.isASCII && !$0.isWhitespace && !"/?#%".contains($0) })
        else {
            throw sink.error("'room' must be a room id such as \"!AbCdEf:example.org\" (Room settings > Advanced), not an alias")
        }
        guard let token = try credential(table, key: "token", sink) else {
            throw sink.error("a matrix sink needs its account's access token: 'token', 'token_file' or 'token_env'")
        }
        return MatrixTarget(homeserver: homeserver, room: room, token: token)
    }

    func telegram(_ table: TOMLTable, _ sink: Problem) throws(ConfigError) -> TelegramTarget {
        guard let token = try credential(table, key: "token", sink) else {
            throw sink.error("a telegram sink needs its bot's token (from @BotFather): 'token', 'token_file' or 'token_env'")
        }
        guard token.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ":-_".contains($0)) }) else {
            throw sink.error("the bot token must look like 123456:ABC-DEF… (letters, digits, ':', '-', '_')")
        }
        let chatID: String
        switch table["chat_id"] {
        case .integer(let number)?: chatID = String(number)
        case .string(let text)? where Self.isChatID(text): chatID = text
        default: throw sink.error("'chat_id' must be a chat's number (such as -1001234567890) or a channel's \"@name\"")
        }
        var target = TelegramTarget(token: token, chatID: chatID)
        if let value = table["api_url"] {
            guard let url = value.string else { throw sink.error("'api_url' must be a string") }
            try httpURL(url, key: "api_url", sink)
            target.apiURL = url
        }
        return target
    }

    /// A chat's number (digits after an optional '-') or `@name`.
    private static func isChatID(_ text: String) -> Bool {
        if text.hasPrefix("@") {
            return (2...65).contains(text.count) && text.dropFirst().allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        return (1...20).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// `webhook_url` (or `_file`, `_env`): an http(s) URL that is itself a credential.
    private func webhookURL(_ table: TOMLTable, example: String, _ sink: Problem) throws(ConfigError) -> Secret {
        guard let url = try credential(table, key: "webhook_url", sink) else {
            throw sink.error("'webhook_url' (or 'webhook_url_file', 'webhook_url_env') is required, such as \"\(example)\"")
        }
        do {
            try httpURL(url.value, key: "webhook_url", sink)
        } catch {
            // Never quote the URL: it is the credential.
            throw sink.error("'webhook_url' must be an http or https URL with a host")
        }
        return url
    }
}
