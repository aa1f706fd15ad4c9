import AlertMessages
import Configuration
import FeedFetching
import Foundation

/// A Slack incoming-webhook message: `text` (the title, shown in notifications) and one
/// `section` block in mrkdwn, the title in bold over the body. `&`, `<` and `>` are escaped as
/// Slack asks, so text from a feed cannot turn into a mention or a link of its own.
struct SlackFormat: ChatFormat {
    let target: SlackTarget

    struct Payload: Encodable {
        struct Block: Encodable {
            var type = "section"
            var text: Text
        }

        struct Text: Encodable {
            var type = "mrkdwn"
            var text: String
        }

        var text: String
        var blocks: [Block]
    }

    var secrets: [String] { [target.webhookURL.value] }

    func request(for message: AlertMessage, delivery: HookDelivery, timeout: Duration) -> FetchRequest {
        let section = "*\(Self.escaped(message.title))*\n\(Self.escaped(message.body))".truncated(to: 3000)
        let payload = Payload(text: Self.escaped(message.title), blocks: [.init(text: .init(text: section))])
        return .post(url: target.webhookURL.value, body: ChatJSON.body(payload), headers: ChatJSON.headers, timeout: timeout)
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }
}
