import AlertMessages
import Configuration
import FeedFetching
import Foundation

/// Delivers an alert as an HTTP POST of its JSON (`Content-Type: application/json`), or of the
/// sink's `payload` template rendered for it, with `X-FeedWatch-Alert-Id`, `X-FeedWatch-Event`
/// (the kind) and, when the sink has a secret, `X-FeedWatch-Signature` over the exact body sent
/// (see `HookSignature`). A 2xx answer means delivered; anything else, including a redirect (a
/// POST is not repeated elsewhere), is a failure.
public struct WebhookHook: AlertHook {
    public let target: WebhookTarget
    public let timeout: Duration
    let messages: MessageRenderer
    let fetcher: FeedFetcher
    let clock: @Sendable () -> Date

    public init(
        target: WebhookTarget, timeout: Duration, messages: MessageRenderer = MessageRenderer(), fetcher: FeedFetcher,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.target = target
        self.timeout = timeout
        self.messages = messages
        self.fetcher = fetcher
        self.clock = clock
    }

    public func deliver(_ delivery: HookDelivery) async throws(HookFailure) {
        let secrets = (target.secret.map { [$0] } ?? []) + target.headers.values
        try await HTTPDelivery.send(request(for: delivery), with: fetcher, clock: clock, redaction: Redaction(secrets: secrets))
    }

    public func preview(_ delivery: HookDelivery) -> HookPreview {
        HookPreview(
            message: messages.message(forAlertJSON: delivery.json), request: request(for: delivery),
            secrets: target.secret.map { [$0] } ?? [], hiddenHeaders: Set(target.headers.keys))
    }

    /// The POST for one alert: its JSON line, or the rendered payload.
    func request(for delivery: HookDelivery) -> FetchRequest {
        var headers = target.headers
        let body: [UInt8]
        if let payload = target.payload {
            var context = AlertContext.values(fromAlertJSON: delivery.json)
            _ = messages.message(context: &context)
            body = Array(payload.render(context).utf8)
            headers["Content-Type"] = target.contentType
        } else {
            body = Array(delivery.json.utf8)
            headers["Content-Type"] = "application/json"
        }
        headers["X-FeedWatch-Alert-Id"] = delivery.alertID
        headers["X-FeedWatch-Event"] = delivery.kind
        if let secret = target.secret { headers["X-FeedWatch-Signature"] = HookSignature.header(secret: secret, body: body) }
        return .post(url: target.url, body: body, headers: headers, timeout: timeout)
    }

    /// The fetcher webhooks share, taking small answers. A sink has at most one request in
    /// flight, so the connection limits are wide enough never to queue one sink behind others
    /// that hang on the same host.
    public static func makeFetcher() -> FeedFetcher {
        FeedFetcher(configuration: FetcherConfiguration(maxBodyBytes: 1 << 20, maxConnections: 64, maxConnectionsPerHost: 64))
    }
}

/// How an HTTP receiver's answer counts: 2xx delivered; a redirect, or any other status, a
/// failure (with the receiver's `Retry-After` on a 429 or 503).
enum HTTPAnswer {
    static func check(_ response: FetchResponse, clock: () -> Date) throws(HookFailure) {
        switch response.status {
        case 200..<300:
            return
        case 300..<400:
            throw .redirected(status: response.status, location: response.headers["location"])
        default:
            let asksForPause = response.status == 429 || response.status == 503
            throw .httpStatus(
                response.status, body: HookFailure.firstLine(of: response.body),
                retryAfter: asksForPause ? response.retryAfter(now: clock()) : nil)
        }
    }
}
