/// Fetches feeds over HTTP(S) and from `file:` URLs with libcurl.
///
/// Every fetch of every caller shares one multi handle, so connections are reused and the
/// global and per-host connection limits hold across concurrent fetches. Callers may run as
/// many `fetch` calls at once as they like; libcurl queues what exceeds the limits.
public final class FeedFetcher: Sendable {
    private let loop: TransferLoop
    public let configuration: FetcherConfiguration

    public init(configuration: FetcherConfiguration = FetcherConfiguration()) {
        self.configuration = configuration
        loop = TransferLoop(configuration: configuration)
    }

    deinit {
        loop.stop()
    }

    /// One request (a feed's GET, a webhook's POST). Any HTTP status is a response; only a
    /// transfer that got none throws.
    /// Cancelling the calling task aborts the transfer.
    public func fetch(_ request: FetchRequest) async throws(FetchError) -> FetchResponse {
        let id = loop.nextID()
        let loop = self.loop
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                loop.enqueue(id: id, request, continuation: continuation)
            }
        } onCancel: {
            loop.cancel(id: id)
        }
        return try result.get()
    }
}
