import AlertMessages
import Configuration
import FeedFetching

/// A Discord webhook message: one embed (title, body as description, the article as its link,
/// a colour by alert kind), posted as "FeedWatch", with mentions disabled so that an `@everyone`
/// in a feed's text pings nobody.
struct DiscordFormat: ChatFormat {
    let target: DiscordTarget

    struct Payload: Encodable {
        struct Embed: Encodable {
            var title: String
            var description: String
            var url: String?
            var color: Int
        }

        struct Mentions: Encodable {
            var parse: [String] = []
        }

        var username = "FeedWatch"
        var embeds: [Embed]
        var allowedMentions = Mentions()

        enum CodingKeys: String, CodingKey {
            case username, embeds
            case allowedMentions = "allowed_mentions"
        }
    }

    /// Red for a failing feed, green for a recovery, orange for a figure change, blue otherwise.
    static let colors = ["feed.failing": 0xE74C3C, "feed.recovered": 0x2ECC71, "figure.changed": 0xE67E22, "figure.first_seen": 0x9B59B6]

    var secrets: [String] { [target.webhookURL.value] }

    func request(for message: AlertMessage, delivery: HookDelivery, timeout: Duration) -> FetchRequest {
        let embed = Payload.Embed(
            title: message.title.truncated(to: 256), description: message.body.truncated(to: 4096), url: message.link,
            color: Self.colors[message.kind] ?? 0x3498DB)
        return .post(url: target.webhookURL.value, body: ChatJSON.body(Payload(embeds: [embed])), headers: ChatJSON.headers, timeout: timeout)
    }
}
