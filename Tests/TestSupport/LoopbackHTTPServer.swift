import Foundation
import Synchronization

/// A request as the loopback server received it.
public struct HTTPRequest: Sendable {
    public var method: String
    public var path: String
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: [UInt8]
    /// Which connection carried it (1, 2, …), to see connection reuse.
    public var connection: Int

    public var host: String { headers["host"].map { String($0.split(separator: ":").first ?? "") } ?? "" }
}

/// What the loopback server answers.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]
    /// When set, the body is sent `dripBytes` at a time with this pause between writes.
    public var dripDelay: Duration?
    public var dripBytes = 1
    /// Pause before anything is sent.
    public var delay: Duration?

    public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public init(status: Int = 200, headers: [(String, String)] = [], text: String) {
        self.init(status: status, headers: headers, body: Array(text.utf8))
    }

    public static func file(_ path: String, contentType: String = "application/xml") -> HTTPResponse {
        let data = FileManager.default.contents(atPath: path) ?? Data()
        return HTTPResponse(headers: [("Content-Type", contentType)], body: Array(data))
    }
}

/// A real HTTP/1.1 server on 127.0.0.1 for tests: a thread per connection, keep-alive,
/// scripted answers, and a record of every request and of concurrent connections per host.
public final class LoopbackHTTPServer: Sendable {
    public typealias Handler = @Sendable (HTTPRequest) -> HTTPResponse

    private struct State {
        var requests: [HTTPRequest] = []
        var openConnections: [String: Int] = [:]
        var peakConnections: [String: Int] = [:]
        var connectionCount = 0
        var clients: Set<Int32> = []
        var stopped = false
    }

    public let port: UInt16
    private let listener: Int32
    private let handler: Handler
    private let state = Mutex(State())

    public init(handler: @escaping Handler) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError.socket(errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 128) == 0 else {
            close(fd)
            throw ServerError.socket(errno)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit { stop() }

    /// `http://127.0.0.1:PORT` + path.
    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// `http://NAME:PORT` + path, for a host name that resolves to loopback (`localhost`).
    public func url(host: String, _ path: String) -> String { "http://\(host):\(port)\(path)" }

    public var requests: [HTTPRequest] { state.withLock { $0.requests } }

    public func requests(path: String) -> [HTTPRequest] { requests.filter { $0.path == path } }

    /// The most connections that were open at once to each `Host` name.
    public var peakConnectionsPerHost: [String: Int] { state.withLock { $0.peakConnections } }

    public func stop() {
        // Under the lock: a connection's thread removes its descriptor from `clients` under the
        // same lock before closing it, so every descriptor shut down here is still that
        // connection's, never one another server has since been given.
        let stopping = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            state.stopped = true
            for client in state.clients { shutdown(client, Int32(SHUT_RDWR)) }
            return true
        }
        // Wakes the accept loop, which closes the listener itself: closed here, its number could
        // be given to another server's socket while the loop is about to accept on it again.
        guard stopping else { return }
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR, !state.withLock({ $0.stopped }) { continue }
                return
            }
            let connection = state.withLock { state -> Int? in
                guard !state.stopped else { return nil }
                state.connectionCount += 1
                state.clients.insert(client)
                return state.connectionCount
            }
            guard let connection else {
                close(client)
                return
            }
            let thread = Thread { [self] in serve(client, connection: connection) }
            thread.start()
        }
    }

    private func serve(_ client: Int32, connection: Int) {
        var reader = SocketReader(fd: client)
        var host: String?
        defer {
            state.withLock { state in
                if let host { state.openConnections[host, default: 1] -= 1 }
                state.clients.remove(client)
            }
            close(client)
        }
        while let request = reader.readRequest(connection: connection) {
            if host == nil {
                host = request.host
                state.withLock { state in
                    state.openConnections[request.host, default: 0] += 1
                    state.peakConnections[request.host] = max(state.peakConnections[request.host] ?? 0, state.openConnections[request.host]!)
                }
            }
            state.withLock { $0.requests.append(request) }
            let response = handler(request)
            guard send(response, to: client, method: request.method) else { return }
            if request.headers["connection"]?.lowercased() == "close" { return }
        }
    }

    private func send(_ response: HTTPResponse, to client: Int32, method: String) -> Bool {
        if let delay = response.delay { Thread.sleep(forTimeInterval: delay.timeInterval) }
        var head = "HTTP/1.1 \(response.status) \(response.status == 200 ? "OK" : "Status")\r\n"
        var hasLength = false
        for (name, value) in response.headers {
            head += "\(name): \(value)\r\n"
            if name.lowercased() == "content-length" { hasLength = true }
        }
        let bodyAllowed = response.status != 304 && response.status != 204 && method != "HEAD"
        if !hasLength { head += "Content-Length: \(bodyAllowed ? response.body.count : 0)\r\n" }
        head += "\r\n"
        guard writeAll(client, Array(head.utf8)) else { return false }
        guard bodyAllowed, !response.body.isEmpty else { return true }
        if let drip = response.dripDelay {
            var offset = 0
            while offset < response.body.count {
                let end = min(offset + response.dripBytes, response.body.count)
                guard writeAll(client, Array(response.body[offset..<end])) else { return false }
                offset = end
                Thread.sleep(forTimeInterval: drip.timeInterval)
            }
            return true
        }
        return writeAll(client, response.body)
    }

    private func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Foundation.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            if written <= 0 {
                if written < 0, errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    public enum ServerError: Error { case socket(Int32) }
}

/// Reads HTTP/1.1 requests from a socket, keeping bytes that belong to the next request.
struct SocketReader {
    let fd: Int32
    var buffer: [UInt8] = []

    mutating func readRequest(connection: Int) -> HTTPRequest? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var headEnd: Int?
        while true {
            if let found = buffer.firstRange(of: separator) {
                headEnd = found.lowerBound
                break
            }
            guard fill() else { return nil }
        }
        guard let headEnd else { return nil }
        let head = String(decoding: buffer[..<headEnd], as: UTF8.self)
        buffer.removeFirst(headEnd + 4)
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ")
        guard requestLine.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length {
            guard fill() else { return nil }
        }
        let body = Array(buffer.prefix(length))
        buffer.removeFirst(length)
        return HTTPRequest(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers, body: body, connection: connection)
    }

    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16384)
        let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return false }
        buffer.append(contentsOf: chunk[..<count])
        return true
    }
}

extension Duration {
    var timeInterval: TimeInterval {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
