import FeedStorage
import Foundation
import Pipeline
import Testing
import TestSupport

@Suite struct RedirectTests {
    @Test func aPermanentRedirectSeenTwiceMovesTheFeed() async throws {
        let harness = try PollingHarness()
        let server = try LoopbackHTTPServer { request in
            request.path == "/old" ? HTTPResponse(status: 301, headers: [("Location", "/new")]) : HTTPResponse(text: rss(["a"]))
        }
        let feed = try harness.add(server.url("/old"))
        try await harness.pollAll()
        var state = try harness.feed(feed.id)
        #expect(state.url == server.url("/old"), "one permanent redirect is not yet a move")
        #expect(state.redirectCandidate == server.url("/new"))
        try await harness.pollAll()
        state = try harness.feed(feed.id)
        #expect(state.url == server.url("/new"))
        #expect(state.redirectCandidate == nil)
        try await harness.pollAll()
        #expect(server.requests.last?.path == "/new")
        #expect(server.requests(path: "/old").count == 2)
    }

    @Test func temporaryRedirectsNeverMoveTheFeed() async throws {
        let harness = try PollingHarness()
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/old": HTTPResponse(status: 301, headers: [("Location", "/hop")])
            case "/hop": HTTPResponse(status: 307, headers: [("Location", "/new")])
            default: HTTPResponse(text: rss(["a"]))
            }
        }
        let feed = try harness.add(server.url("/old"))
        for _ in 1...3 { try await harness.pollAll() }
        let state = try harness.feed(feed.id)
        #expect(state.url == server.url("/old"))
        #expect(state.redirectCandidate == nil)
    }

    @Test func aMoveOntoAnotherWatchedURLKeepsBothFeeds() async throws {
        let harness = try PollingHarness()
        let server = try LoopbackHTTPServer { request in
            request.path == "/old" ? HTTPResponse(status: 308, headers: [("Location", "/new")]) : HTTPResponse(text: rss(["a"]))
        }
        let old = try harness.add(server.url("/old"))
        try harness.add(server.url("/new"))
        try await harness.pollAll()
        try await harness.pollAll()
        #expect(try harness.feed(old.id).url == server.url("/old"))
        #expect(try harness.store.feeds().count == 2)
    }
}
