import AlertMessages
import Configuration
import FeedFetching
import Foundation

/// Publishes an alert to an ntfy topic: a POST of the message body to `server/topic` with ntfy's
/// headers, `Title`, `Priority` (by alert kind), `Tags` (the kind's emoji tag, then the sink's)
/// and `Click` (the article), and `Authorization: Bearer` when the sink has a token. A title
/// outside ASCII is sent RFC 2047-encoded, which ntfy decodes. 2xx means delivered.
public struct NtfyHook: AlertHook {
    public let target: NtfyTarget
    public let timeout: Duration
    let messages: MessageRenderer
    let fetcher: FeedFetcher
    let clock: @Sendable () -> Date

    public init(
        target: NtfyTarget, timeout: Duration, messages: MessageRenderer = MessageRenderer(), fetcher: FeedFetcher,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.target = target
        self.timeout = timeout
        self.messages = messages
        self.fetcher = fetcher
        self.clock = clock
    }

    /// ntfy's emoji short codes, by alert kind.
    static let kindTags: [String: String] = [
        "keyword.matched": "mag", "figure.changed": "chart_with_upwards_trend", "figure.first_seen": "bar_chart",
        "feed.failing": "warning", "feed.recovered": "white_check_mark", "hook.test": "test_tube", "digest": "newspaper",
    ]

    public func deliver(_ delivery: HookDelivery) async throws(HookFailure) {
        try await HTTPDelivery.send(request(for: delivery), with: fetcher, clock: clock, redaction: redaction)
    }

    public func preview(_ delivery: HookDelivery) -> HookPreview {
        HookPreview(message: messages.message(forAlertJSON: delivery.json), request: request(for: delivery), secrets: redaction.secrets)
    }

    private var redaction: Redaction { Redaction(secrets: target.token.map { [$0.value] } ?? []) }

    func request(for delivery: HookDelivery) -> FetchRequest {
        let message = messages.message(forAlertJSON: delivery.json)
        var headers = [
            "Content-Type": "text/plain; charset=utf-8",
            "Title": HeaderText.encoded(message.title),
            "Priority": String(target.priority(for: delivery.kind)),
            "X-FeedWatch-Alert-Id": delivery.alertID,
        ]
        var tags = target.tags
        if var tag = Self.kindTags[delivery.kind] {
            if delivery.kind == "figure.changed", delivery.json.contains(#""delta":-"#) { tag = "chart_with_downwards_trend" }
            tags.insert(tag, at: 0)
        }
        if !tags.isEmpty { headers["Tags"] = tags.joined(separator: ",") }
        if let link = message.link, link.allSatisfy({ $0.isASCII && !$0.isNewline }) { headers["Click"] = link }
        if let token = target.token { headers["Authorization"] = "Bearer " + token.value }
        return .post(url: target.url, body: Array(message.body.utf8), headers: headers, timeout: timeout)
    }
}

/// Header values from alert text: one line, and RFC 2047 (`=?UTF-8?B?…?=`) when not ASCII.
enum HeaderText {
    static func encoded(_ text: String) -> String {
        let line = text.split(whereSeparator: { $0.isNewline || $0 == "\0" }).joined(separator: " ")
        guard !line.allSatisfy({ $0.isASCII && !$0.isASCIIControl }) else { return line }
        return "=?UTF-8?B?" + Data(line.utf8).base64EncodedString() + "?="
    }
}

private extension Character {
    var isASCIIControl: Bool { asciiValue.map { $0 < 0x20 || $0 == 0x7F } ?? false }
}

/// One HTTP request to a receiver, its answer judged by `HTTPAnswer`; failures carry no credential.
enum HTTPDelivery {
    static func send(_ request: FetchRequest, with fetcher: FeedFetcher, clock: () -> Date, redaction: Redaction) async throws(HookFailure) {
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(request)
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw HookFailure.notSent(error).redacted(by: redaction)
        }
        do {
            try HTTPAnswer.check(response, clock: clock)
        } catch {
            throw error.redacted(by: redaction)
        }
    }
}
