import AlertMessages
import Configuration
import FeedFetching

/// A Telegram Bot API `sendMessage`: the title in bold over the body, `parse_mode` HTML with
/// the text escaped, so a feed's `<` cannot break the message. The bot token is in the URL, as
/// the Bot API wants it; it is redacted wherever a URL could be shown.
struct TelegramFormat: ChatFormat {
    let target: TelegramTarget

    struct Payload: Encodable {
        var chatID: String
        var text: String
        var parseMode = "HTML"

        enum CodingKeys: String, CodingKey {
            case text
            case chatID = "chat_id"
            case parseMode = "parse_mode"
        }
    }

    var secrets: [String] { [target.token.value] }

    func request(for message: AlertMessage, delivery: HookDelivery, timeout: Duration) -> FetchRequest {
        // Cut before escaping, so an entity is never split.
        let text = "<b>\(HTMLEscaping.escape(message.title.truncated(to: 256)))</b>\n" + HTMLEscaping.escape(message.body.truncated(to: 3500))
        let base = target.apiURL.hasSuffix("/") ? String(target.apiURL.dropLast()) : target.apiURL
        return .post(
            url: base + "/bot" + target.token.value + "/sendMessage", body: ChatJSON.body(Payload(chatID: target.chatID, text: text)),
            headers: ChatJSON.headers, timeout: timeout)
    }
}
