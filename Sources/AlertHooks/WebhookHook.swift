import Configuration
import FeedFetching
import Foundation

/// Delivers an alert as an HTTP POST of its JSON (`Content-Type: application/json`), with
/// `X-FeedWatch-Alert-Id`, `X-FeedWatch-Event` (the kind) and, when the sink has a secret,
/// `X-FeedWatch-Signature` (see `HookSignature`). A 2xx answer means delivered; anything else,
/// including a redirect (a POST is not repeated elsewhere), is a failure.
public struct WebhookHook: AlertHook {
    public let target: WebhookTarget
    public let timeout: Duration
    let fetcher: FeedFetcher
    let clock: @Sendable () -> Date

    public init(target: WebhookTarget, timeout: Duration, fetcher: FeedFetcher, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.target = target
        self.timeout = timeout
        self.fetcher = fetcher
        self.clock = clock
    }

    public func deliver(_ delivery: HookDelivery) async throws(HookFailure) {
        let body = Array(delivery.json.utf8)
        var headers = target.headers
        headers["Content-Type"] = "application/json"
        headers["X-FeedWatch-Alert-Id"] = delivery.alertID
        headers["X-FeedWatch-Event"] = delivery.kind
        if let secret = target.secret { headers["X-FeedWatch-Signature"] = HookSignature.header(secret: secret, body: body) }
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(.post(url: target.url, body: body, headers: headers, timeout: timeout))
        } catch .cancelled {
            throw .cancelled
        } catch {
            throw .notSent(error)
        }
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

    /// The fetcher webhooks share, taking small answers. A sink has at most one request in
    /// flight, so the connection limits are wide enough never to queue one sink behind others
    /// that hang on the same host.
    public static func makeFetcher() -> FeedFetcher {
        FeedFetcher(configuration: FetcherConfiguration(maxBodyBytes: 1 << 20, maxConnections: 64, maxConnectionsPerHost: 64))
    }
}
