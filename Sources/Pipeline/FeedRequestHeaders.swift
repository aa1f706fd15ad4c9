import FeedModel
import FeedStorage
import Foundation

/// The request headers a feed was added with: its own (`feed add --header`, `--user-agent`)
/// and, from a credentials file read at each fetch (so a changed password needs no re-add),
/// HTTP basic authentication.
enum FeedRequestHeaders {
    struct CredentialsError: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot use the credentials file \(path): \(reason)" }
    }

    static func headers(of feed: FeedRecord) async throws(CredentialsError) -> [String: String] {
        var headers = feed.requestHeaders
        guard let path = feed.credentialsFile else { return headers }
        let contents = await Blocking.run { FileManager.default.contents(atPath: path) }
        guard let contents else { throw CredentialsError(path: path, reason: "it cannot be read") }
        guard let credentials = FeedCredentials(contents) else {
            throw CredentialsError(path: path, reason: "its first line must be USER:PASSWORD")
        }
        headers["Authorization"] = credentials.authorization
        return headers
    }
}
