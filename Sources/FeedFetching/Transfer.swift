import CCurl
import Foundation

/// One transfer in flight: the easy handle and what its callbacks collect.
/// Created, mutated and finished only on the transfer loop's thread.
final class Transfer {
    let id: UInt64
    let request: FetchRequest
    let continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>
    let easy: UnsafeMutableRawPointer
    let maxBodyBytes: Int
    var body: [UInt8] = []
    var exceededBodyLimit = false
    var headers: [String: String] = [:]
    var redirects: [Redirect] = []
    private var currentStatus = 0
    private var currentLocation: String?
    private var headerList: UnsafeMutablePointer<curl_slist>?
    let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init(
        id: UInt64, request: FetchRequest, easy: UnsafeMutableRawPointer, maxBodyBytes: Int,
        continuation: CheckedContinuation<Result<FetchResponse, FetchError>, Never>
    ) {
        self.id = id
        self.request = request
        self.easy = easy
        self.maxBodyBytes = maxBodyBytes
        self.continuation = continuation
        errorBuffer.initialize(to: 0)
    }

    deinit {
        curl_slist_free_all(headerList)
        curl_easy_cleanup(easy)
        errorBuffer.deallocate()
    }

    func appendHeader(_ line: String) {
        headerList = curl_slist_append(headerList, line)
    }

    var requestHeaders: UnsafeMutablePointer<curl_slist>? { headerList }

    func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard body.count + bytes.count <= maxBodyBytes else {
            exceededBodyLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// One header line as libcurl delivers it (not NUL-terminated; every redirect hop starts a new block).
    func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .newlines)
        if line.hasPrefix("HTTP/") {
            if (300..<400).contains(currentStatus), let location = currentLocation {
                redirects.append(Redirect(status: currentStatus, location: location))
            }
            let parts = line.split(separator: " ", maxSplits: 2)
            currentStatus = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            currentLocation = nil
            // Informational blocks (100 Continue) carry no headers of the final response.
            headers = [:]
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        headers[name] = value
        if name == "location" { currentLocation = value }
    }

    var curlErrorMessage: String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? "" : detail
    }
}
