import AlertMessages
import Configuration
import FeedFetching
import Foundation

/// How one chat service wants a message: the request for an alert, and the credentials in it.
protocol ChatFormat: Sendable {
    func request(for message: AlertMessage, delivery: HookDelivery, timeout: Duration) -> FetchRequest
    /// What `Redaction` must hide: tokens, and webhook URLs that are themselves credentials.
    var secrets: [String] { get }
}

/// Delivers an alert as a chat message (Slack, Discord, Matrix, Telegram): the sink's rendered
/// title and body in the service's own format, over HTTP. A 2xx answer means delivered; a 429
/// with `Retry-After` pauses the sink as for a webhook.
public struct ChatHook: AlertHook {
    let format: any ChatFormat
    public let timeout: Duration
    let messages: MessageRenderer
    let fetcher: FeedFetcher
    let clock: @Sendable () -> Date

    init(format: any ChatFormat, timeout: Duration, messages: MessageRenderer, fetcher: FeedFetcher, clock: @escaping @Sendable () -> Date) {
        self.format = format
        self.timeout = timeout
        self.messages = messages
        self.fetcher = fetcher
        self.clock = clock
    }

    public func deliver(_ delivery: HookDelivery) async throws(HookFailure) {
        let request = format.request(for: messages.message(forAlertJSON: delivery.json), delivery: delivery, timeout: timeout)
        try await HTTPDelivery.send(request, with: fetcher, clock: clock, redaction: Redaction(secrets: format.secrets))
    }

    public func preview(_ delivery: HookDelivery) -> HookPreview {
        let message = messages.message(forAlertJSON: delivery.json)
        return HookPreview(message: message, request: format.request(for: message, delivery: delivery, timeout: timeout), secrets: format.secrets)
    }
}

/// The JSON body of a chat request: sorted keys, slashes as they are.
enum ChatJSON {
    static func body(_ value: some Encodable) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map(Array.init) ?? Array("{}".utf8)
    }

    static let headers = ["Content-Type": "application/json; charset=utf-8"]
}

extension String {
    /// At most `limit` characters, the last of them `…` when cut: services refuse longer fields.
    func truncated(to limit: Int) -> String {
        count <= limit ? self : String(prefix(limit - 1)) + "…"
    }
}
