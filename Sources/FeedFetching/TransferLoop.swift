import CCurl
import Foundation
import Synchronization

/// The one thread that owns the libcurl multi handle and drives every transfer from a single
/// event loop (`curl_multi_perform` → finished transfers → `curl_multi_poll`). Callers only
/// enqueue work under a lock and wake the loop; nothing blocks a thread per transfer.
final class TransferLoop: Sendable {
    private struct Pending {
        let id: UInt64
        let request: FetchRequest
        let continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>
    }

    private struct Inbox {
        var pending: [Pending] = []
        var cancelled: Set<UInt64> = []
        var stopping = false
        var nextID: UInt64 = 1
    }

    /// The multi handle. Safe to share: `init` sets its options before the loop thread starts
    /// (starting the thread orders those writes before the thread's reads); after that, only
    /// `curl_multi_wakeup`, which libcurl documents as thread-safe, is called off the loop
    /// thread, and every other call, `curl_multi_cleanup` last, happens on that thread.
    private struct MultiHandle: @unchecked Sendable {
        let pointer: UnsafeMutableRawPointer
    }

    /// What enqueueing did: only a request into an empty inbox wakes the loop (a wake-up per
    /// request was half the `sendto` calls of a cycle of 304s: 4,002 against 2,324).
    private enum Enqueued { case first, joined, refused }

    private let multi: MultiHandle
    private let inbox = Mutex(Inbox())
    private let configuration: FetcherConfiguration

    init(configuration: FetcherConfiguration) {
        CurlGlobal.initialize()
        self.configuration = configuration
        multi = MultiHandle(pointer: curl_multi_init()!)
        fw_multi_setopt_long(multi.pointer, CURLMOPT_MAX_TOTAL_CONNECTIONS, configuration.maxConnections)
        fw_multi_setopt_long(multi.pointer, CURLMOPT_MAX_HOST_CONNECTIONS, configuration.maxConnectionsPerHost)
        fw_multi_setopt_long(multi.pointer, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        let thread = Thread { [self] in self.run() }
        thread.name = "feedwatch-fetch"
        thread.start()
    }

    func nextID() -> UInt64 {
        inbox.withLock { inbox in
            defer { inbox.nextID += 1 }
            return inbox.nextID
        }
    }

    func enqueue(
        id: UInt64, _ request: FetchRequest,
        continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>
    ) {
        let outcome = inbox.withLock { inbox -> Enqueued in
            guard !inbox.stopping else { return .refused }
            inbox.pending.append(Pending(id: id, request: request, continuation: continuation))
            return inbox.pending.count == 1 ? .first : .joined
        }
        switch outcome {
        case .first:
            curl_multi_wakeup(multi.pointer)
        case .joined:
            // The loop has not taken the request before this one yet, so the wake-up sent for
            // it is still to come, and the loop takes both.
            break
        case .refused:
            continuation.resume(returning: .failure(.cancelled))
        }
    }

    func cancel(id: UInt64) {
        inbox.withLock { _ = $0.cancelled.insert(id) }
        curl_multi_wakeup(multi.pointer)
    }

    /// Lets transfers in flight finish, then ends the thread.
    func stop() {
        inbox.withLock { $0.stopping = true }
        curl_multi_wakeup(multi.pointer)
    }

    // MARK: - The loop (loop thread only)

    private func run() {
        var active: [UnsafeMutableRawPointer: Transfer] = [:]
        let maxActive = max(configuration.maxConnections * 32, 256)
        while true {
            let (starting, cancelled, stopping) = inbox.withLock { inbox in
                let room = max(0, maxActive - active.count)
                let taken = Array(inbox.pending.prefix(room))
                inbox.pending.removeFirst(taken.count)
                let cancelled = inbox.cancelled
                inbox.cancelled = []
                return (taken, cancelled, inbox.stopping && inbox.pending.isEmpty)
            }
            for pending in starting {
                if cancelled.contains(pending.id) {
                    pending.continuation.resume(returning: .failure(.cancelled))
                    continue
                }
                switch makeTransfer(pending) {
                case .success(let transfer):
                    active[transfer.easy] = transfer
                    curl_multi_add_handle(multi.pointer, transfer.easy)
                case .failure(let error):
                    pending.continuation.resume(returning: .failure(error))
                }
            }
            if !cancelled.isEmpty {
                for (easy, transfer) in active where cancelled.contains(transfer.id) {
                    curl_multi_remove_handle(multi.pointer, easy)
                    active[easy] = nil
                    release(transfer).continuation.resume(returning: .failure(.cancelled))
                }
                cancelPending(cancelled)
            }
            if stopping && active.isEmpty { break }

            var running: Int32 = 0
            curl_multi_perform(multi.pointer, &running)
            var easy: UnsafeMutableRawPointer?
            var code = CURLE_OK
            while fw_multi_next_done(multi.pointer, &easy, &code) != 0, let finished = easy {
                curl_multi_remove_handle(multi.pointer, finished)
                guard let transfer = active.removeValue(forKey: finished) else { continue }
                let result = complete(release(transfer), code: code)
                transfer.continuation.resume(returning: result)
            }
            // While transfers run, libcurl is driven at least every 50 ms: a transfer queued behind
            // the per-host limit can otherwise wait for a full poll timeout after a connection
            // frees up (measured: 2,000 feeds on one host, all-304 cycles stalling for a second).
            curl_multi_poll(multi.pointer, nil, 0, active.isEmpty ? 1000 : 50, nil)
        }
        curl_multi_cleanup(multi.pointer)
    }

    private func cancelPending(_ ids: Set<UInt64>) {
        let removed = inbox.withLock { inbox -> [Pending] in
            let removed = inbox.pending.filter { ids.contains($0.id) }
            inbox.pending.removeAll { ids.contains($0.id) }
            return removed
        }
        for pending in removed { pending.continuation.resume(returning: .failure(.cancelled)) }
    }

    /// Balances the retain taken for libcurl's callbacks.
    private func release(_ transfer: Transfer) -> Transfer {
        Unmanaged.passUnretained(transfer).release()
        return transfer
    }

    private func makeTransfer(_ pending: Pending) -> Result<Transfer, FetchError> {
        let request = pending.request
        guard let scheme = URLScheme(request.url) else { return .failure(.invalidURL(request.url)) }
        guard scheme.isSupported, scheme.isHTTP || request.method == .get else { return .failure(.unsupportedScheme(request.url)) }
        guard let easy = curl_easy_init() else {
            return .failure(.transfer(code: -1, message: "libcurl could not create a transfer"))
        }
        let transfer = Transfer(
            id: pending.id, request: request, easy: easy, maxBodyBytes: configuration.maxBodyBytes,
            continuation: pending.continuation)
        let context = Unmanaged.passRetained(transfer).toOpaque()
        fw_easy_setopt_string(easy, CURLOPT_URL, request.url)
        fw_easy_setopt_pointer(easy, CURLOPT_PRIVATE, context)
        fw_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, transfer.errorBuffer)
        fw_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        fw_easy_setopt_string(easy, CURLOPT_PROTOCOLS_STR, "http,https,file")
        fw_easy_setopt_string(easy, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        // A POST that is redirected is reported, not repeated as a GET somewhere else.
        fw_easy_setopt_long(easy, CURLOPT_FOLLOWLOCATION, request.method == .get ? 1 : 0)
        fw_easy_setopt_long(easy, CURLOPT_MAXREDIRS, configuration.maxRedirects)
        fw_easy_setopt_long(easy, CURLOPT_CONNECTTIMEOUT_MS, configuration.connectTimeout.milliseconds)
        fw_easy_setopt_long(easy, CURLOPT_TIMEOUT_MS, timeout(of: request).milliseconds)
        fw_easy_setopt_string(easy, CURLOPT_ACCEPT_ENCODING, "")
        // HTTP/2 when the server offers it over TLS; transfers to one host then share a connection.
        fw_easy_setopt_long(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_2TLS)
        fw_easy_setopt_string(easy, CURLOPT_USERAGENT, configuration.userAgent)
        if let proxy = request.proxy { fw_easy_setopt_string(easy, CURLOPT_PROXY, proxy) }
        fw_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(configuration.maxBodyBytes))
        fw_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            return transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
        }
        fw_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        fw_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
            let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
            let length = size * count
            transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: length))
            return length
        }
        fw_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
        if scheme.isHTTP {
            switch request.method {
            case .get:
                transfer.appendHeader(
                    "Accept: application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
                )
                if let etag = request.etag { transfer.appendHeader("If-None-Match: \(etag)") }
                if let lastModified = request.lastModified { transfer.appendHeader("If-Modified-Since: \(lastModified)") }
            case .post, .put:
                setPostBody(request.body, on: easy)
                if request.method == .put { fw_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, "PUT") }
                // No `Expect: 100-continue` round trip before the body.
                transfer.appendHeader("Expect:")
            }
            for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) { transfer.appendHeader("\(name): \(value)") }
            fw_easy_setopt_pointer(easy, CURLOPT_HTTPHEADER, UnsafeMutableRawPointer(transfer.requestHeaders))
        }
        return .success(transfer)
    }

    /// libcurl copies the body (`COPYPOSTFIELDS`), so it need not outlive this call.
    private func setPostBody(_ body: [UInt8], on easy: UnsafeMutableRawPointer) {
        fw_easy_setopt_long(easy, CURLOPT_POST, 1)
        fw_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
        if body.isEmpty {
            fw_easy_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, "")
        } else {
            body.withUnsafeBytes { bytes in
                _ = fw_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            }
        }
    }

    private func timeout(of request: FetchRequest) -> Duration {
        request.timeout ?? configuration.totalTimeout
    }

    private func complete(_ transfer: Transfer, code: CURLcode) -> Result<FetchResponse, FetchError> {
        let easy = transfer.easy
        if code != CURLE_OK {
            return .failure(error(for: code, transfer: transfer))
        }
        var status = 0
        fw_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        var effective: UnsafeMutablePointer<CChar>?
        fw_easy_getinfo_string(easy, CURLINFO_EFFECTIVE_URL, &effective)
        let effectiveURL = effective.map { String(cString: $0) } ?? transfer.request.url
        if status == 0, URLScheme(effectiveURL)?.isHTTP == false { status = 200 }
        var seconds = 0.0
        fw_easy_getinfo_double(easy, CURLINFO_TOTAL_TIME, &seconds)
        return .success(
            FetchResponse(
                status: status, body: transfer.body, effectiveURL: effectiveURL, headers: transfer.headers,
                redirects: transfer.redirects, elapsed: .milliseconds(Int(seconds * 1000))))
    }

    private func error(for code: CURLcode, transfer: Transfer) -> FetchError {
        var detail = transfer.curlErrorMessage.isEmpty
            ? String(cString: curl_easy_strerror(code)) : transfer.curlErrorMessage
        // After a redirect, the failure is where the request ended, not the URL the user gave.
        var effective: UnsafeMutablePointer<CChar>?
        fw_easy_getinfo_string(transfer.easy, CURLINFO_EFFECTIVE_URL, &effective)
        if let ended = effective.map({ String(cString: $0) }), ended != transfer.request.url {
            detail += " at \(ended) (redirected from \(transfer.request.url))"
        }
        switch code {
        case CURLE_WRITE_ERROR where transfer.exceededBodyLimit, CURLE_FILESIZE_EXCEEDED:
            return .bodyTooLarge(limit: transfer.maxBodyBytes)
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut(seconds: timeout(of: transfer.request).milliseconds / 1000)
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .hostNotFound(detail)
        case CURLE_COULDNT_CONNECT:
            return .connectionFailed(detail)
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects(limit: configuration.maxRedirects)
        case CURLE_URL_MALFORMAT:
            return .invalidURL(transfer.request.url)
        case CURLE_UNSUPPORTED_PROTOCOL:
            return .unsupportedScheme(transfer.request.url)
        case CURLE_FILE_COULDNT_READ_FILE, CURLE_READ_ERROR:
            return .fileUnreadable(detail)
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE:
            return .tls(detail)
        default:
            return .transfer(code: Int(code.rawValue), message: detail)
        }
    }
}

/// `curl_global_init` exactly once per process, before the first handle.
enum CurlGlobal {
    private static let once: Void = {
        curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    }()

    static func initialize() { once }
}

/// The scheme of a URL string, checked before libcurl sees it.
struct URLScheme {
    let name: String

    init?(_ url: String) {
        guard let colon = url.firstIndex(of: ":"), colon > url.startIndex else { return nil }
        let name = url[..<colon].lowercased()
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) else { return nil }
        self.name = name
    }

    var isHTTP: Bool { name == "http" || name == "https" }
    var isSupported: Bool { isHTTP || name == "file" }
}
