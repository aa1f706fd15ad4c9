import Foundation

/// One GET of a feed, with the validators of the last successful fetch so that an unchanged
/// feed costs a 304 and no parsing; or one POST (a webhook), which never follows a redirect.
public struct FetchRequest: Sendable, Equatable {
    public enum Method: String, Sendable, Equatable {
        case get = "GET"
        case post = "POST"
        /// With a body, like a POST; for APIs where the URL names the thing created (a Matrix event).
        case put = "PUT"
    }

    public var url: String
    /// `ETag` of the last 200, sent as `If-None-Match`.
    public var etag: String?
    /// `Last-Modified` of the last 200, sent as `If-Modified-Since`.
    public var lastModified: String?
    public var method: Method = .get
    /// The body of a POST (libcurl keeps its own copy for the transfer).
    public var body: [UInt8] = []
    /// Extra request headers, sent in the order of their names.
    public var headers: [String: String] = [:]
    /// Replaces the fetcher's total timeout for this request.
    public var timeout: Duration?
    /// A proxy for this request only (`http://host:port`, `socks5h://host:port`); nil: the
    /// environment's (`https_proxy`, `no_proxy`...), as libcurl reads it.
    public var proxy: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }

    /// A PUT of `body` to an http(s) URL, which never follows a redirect either.
    public static func put(url: String, body: [UInt8], headers: [String: String], timeout: Duration? = nil) -> FetchRequest {
        var request = post(url: url, body: body, headers: headers, timeout: timeout)
        request.method = .put
        return request
    }

    /// A POST of `body` to an http(s) URL.
    public static func post(url: String, body: [UInt8], headers: [String: String], timeout: Duration? = nil) -> FetchRequest {
        var request = FetchRequest(url: url)
        request.method = .post
        request.body = body
        request.headers = headers
        request.timeout = timeout
        return request
    }
}

/// Limits and identity shared by every transfer of a fetcher.
public struct FetcherConfiguration: Sendable, Equatable {
    public var userAgent: String
    public var connectTimeout: Duration
    /// The whole transfer, redirects included: a server that drips bytes cannot hold a feed longer.
    public var totalTimeout: Duration
    /// Cap on the *decoded* body, so a compression bomb is an error and not an out-of-memory.
    public var maxBodyBytes: Int
    public var maxRedirects: Int
    /// Connections open at once over all hosts.
    public var maxConnections: Int
    /// Connections open at once to one host name.
    public var maxConnectionsPerHost: Int

    public init(
        userAgent: String = FetcherConfiguration.defaultUserAgent,
        connectTimeout: Duration = .seconds(15),
        totalTimeout: Duration = .seconds(60),
        maxBodyBytes: Int = 16 << 20,
        maxRedirects: Int = 5,
        maxConnections: Int = 32,
        maxConnectionsPerHost: Int = 2
    ) {
        self.userAgent = userAgent
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.maxBodyBytes = maxBodyBytes
        self.maxRedirects = maxRedirects
        self.maxConnections = maxConnections
        self.maxConnectionsPerHost = maxConnectionsPerHost
    }

    public static let version = "0.1.0"
    public static let defaultUserAgent = "FeedWatch/\(version) (news-feed monitor)"
}

extension Duration {
    /// Whole milliseconds, for libcurl's `long` options; saturates rather than overflowing, and a negative duration is 0.
    var milliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0 else { return 0 }
        let (whole, overflow) = Int(seconds).multipliedReportingOverflow(by: 1000)
        return overflow ? Int.max / 2 : whole + Int(attoseconds / 1_000_000_000_000_000)
    }
}
