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
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let line = UnsafeRawBufferPointer(rebasing: bytes[0..<end])
        if line.starts(with: "HTTP/".utf8) {
            if (300..<400).contains(currentStatus), let location = currentLocation {
                redirects.append(Redirect(status: currentStatus, location: location))
            }
            // "HTTP/1.1 200 OK": the three digits after the first space, and no more: a line of
            // the server's choosing may start with "HTTP/" and hold any number of digits.
            currentStatus = 0
            if let space = line.firstIndex(of: 0x20) {
                var index = space + 1
                while index < line.count, index <= space + 3, line[index] >= 0x30, line[index] <= 0x39 {
                    currentStatus = currentStatus * 10 + Int(line[index] - 0x30)
                    index += 1
                }
            }
            currentLocation = nil
            // Informational blocks (100 Continue) carry no headers of the final response.
            headers = [:]
            return
        }
        guard let colon = line.firstIndex(of: 0x3A) else { return }
        var nameBytes = Array(line[0..<colon])
        for index in nameBytes.indices where nameBytes[index] >= 0x41 && nameBytes[index] <= 0x5A { nameBytes[index] |= 0x20 }
        while let last = nameBytes.last, last == 0x20 || last == 0x09 { nameBytes.removeLast() }
        var start = colon + 1
        var stop = line.count
        while start < stop, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while stop > start, line[stop - 1] == 0x20 || line[stop - 1] == 0x09 { stop -= 1 }
        let name = String(decoding: nameBytes, as: UTF8.self)
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: line[start..<stop]), as: UTF8.self)
        headers[name] = value
        if name == "location" { currentLocation = value }
    }

    var curlErrorMessage: String {
        let detail = String(cString: errorBuffer)
        return detail.isEmpty ? "" : detail
    }
}
