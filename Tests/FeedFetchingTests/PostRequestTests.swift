import FeedFetching
import Foundation
import Testing
import TestSupport

/// POSTs, as webhooks send them, through the same multi handle as feed GETs.
@Suite struct PostRequestTests {
    @Test func postsTheBodyWithItsHeaders() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 204) }
        let body = Array(#"{"id":"a1","kind":"keyword.matched"}"#.utf8)
        let response = try await FeedFetcher().fetch(
            .post(url: server.url("/hook"), body: body, headers: ["Content-Type": "application/json", "X-Token": "t"]))
        #expect(response.status == 204)
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.body == body)
        #expect(request.headers["content-type"] == "application/json")
        #expect(request.headers["x-token"] == "t")
        #expect(request.headers["expect"] == nil)
        #expect(request.headers["if-none-match"] == nil)
    }

    @Test func aLargeBodyIsSentWithoutAskingToContinue() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(text: "ok") }
        let body = [UInt8](repeating: 0x61, count: 200_000)
        let response = try await FeedFetcher().fetch(.post(url: server.url("/hook"), body: body, headers: [:]))
        #expect(response.status == 200)
        #expect(server.requests.first?.body == body)
        #expect(server.requests.first?.headers["expect"] == nil, "no 100-continue round trip (libcurl asks above 1 KB)")
    }

    @Test func aRedirectedPostIsReportedNotFollowed() async throws {
        let server = try LoopbackHTTPServer { request in
            request.path == "/old" ? HTTPResponse(status: 301, headers: [("Location", "/new")]) : HTTPResponse(text: "moved here")
        }
        let response = try await FeedFetcher().fetch(.post(url: server.url("/old"), body: [1], headers: [:]))
        #expect(response.status == 301)
        #expect(response.headers["location"] == "/new")
        #expect(server.requests.map(\.path) == ["/old"])
    }

    @Test func aRequestTimeoutReplacesTheFetchersTimeout() async throws {
        var slow = HTTPResponse(text: "late")
        slow.delay = .seconds(3)
        let server = try LoopbackHTTPServer { [slow] _ in slow }
        // With the fetcher's 60 s the answer would arrive after 3 s.
        await #expect(throws: FetchError.timedOut(seconds: 1)) {
            try await FeedFetcher().fetch(.post(url: server.url("/hook"), body: [1], headers: [:], timeout: .seconds(1)))
        }
    }

    @Test func aPostToAFileURLIsRefused() async {
        await #expect(throws: FetchError.unsupportedScheme("file:///tmp/x")) {
            try await FeedFetcher().fetch(.post(url: "file:///tmp/x", body: [1], headers: [:]))
        }
    }

    @Test(arguments: [
        ("120", 120.0), ("Wed, 25 Nov 2026 08:00:00 GMT", 1_795_593_600 - 1_795_000_000.0), ("soon", nil), ("-5", nil),
    ] as [(String, Double?)])
    func readsRetryAfter(header: String, seconds: Double?) {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let response = FetchResponse(status: 429, body: [], effectiveURL: "http://x", headers: ["retry-after": header])
        #expect(response.retryAfter(now: now)?.timeIntervalSince(now) == seconds)
    }
}
