import Foundation

/// What a server (or the file system) answered. Any HTTP status is a response, not an error:
/// the caller decides what a 404 or a 503 means for the feed.
public struct FetchResponse: Sendable, Equatable {
    /// HTTP status of the final response; 200 for a `file:` URL that was read.
    public var status: Int
    public var body: [UInt8]
    /// The URL that answered, after redirects.
    public var effectiveURL: String
    /// Headers of the final response, names lowercased; a repeated header keeps its last value.
    public var headers: [String: String]
    /// Each redirect followed, in order.
    public var redirects: [Redirect]
    /// Wall time of the transfer.
    public var elapsed: Duration

    public init(
        status: Int, body: [UInt8], effectiveURL: String, headers: [String: String] = [:],
        redirects: [Redirect] = [], elapsed: Duration = .zero
    ) {
        self.status = status
        self.body = body
        self.effectiveURL = effectiveURL
        self.headers = headers
        self.redirects = redirects
        self.elapsed = elapsed
    }

    public var etag: String? { headers["etag"] }
    public var lastModified: String? { headers["last-modified"] }
    public var contentType: String? { headers["content-type"] }
    public var isNotModified: Bool { status == 304 }
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// A redirect the transfer followed.
public struct Redirect: Sendable, Equatable {
    public var status: Int
    public var location: String

    public init(status: Int, location: String) {
        self.status = status
        self.location = location
    }

    /// 301 and 308 say the resource moved for good.
    public var isPermanent: Bool { status == 301 || status == 308 }
}
