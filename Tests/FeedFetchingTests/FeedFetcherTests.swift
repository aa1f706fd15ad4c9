import FeedFetching
import Foundation
import Testing
import TestSupport

@Suite struct FeedFetcherTests {
    @Test func fetchesBodyAndHeadersAndIdentifiesItself() async throws {
        let server = try LoopbackHTTPServer { _ in
            HTTPResponse(headers: [("ETag", "\"v1\""), ("Last-Modified", "Sat, 21 Nov 2026 08:00:00 GMT"), ("Content-Type", "application/rss+xml")], text: "<rss/>")
        }
        let response = try await FeedFetcher().fetch(FetchRequest(url: server.url("/feed.xml")))
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == "<rss/>")
        #expect(response.etag == "\"v1\"")
        #expect(response.lastModified == "Sat, 21 Nov 2026 08:00:00 GMT")
        let request = try #require(server.requests.first)
        #expect(request.headers["user-agent"]?.hasPrefix("FeedWatch/") == true)
        #expect(request.headers["accept-encoding"]?.contains("gzip") == true)
        #expect(request.headers["if-none-match"] == nil)
    }

    @Test func sendsValidatorsAndReportsNotModified() async throws {
        let server = try LoopbackHTTPServer { request in
            request.headers["if-none-match"] == "\"v1\"" ? HTTPResponse(status: 304) : HTTPResponse(text: "<rss/>")
        }
        let response = try await FeedFetcher().fetch(
            FetchRequest(url: server.url("/f"), etag: "\"v1\"", lastModified: "Sat, 21 Nov 2026 08:00:00 GMT"))
        #expect(response.status == 304)
        #expect(response.isNotModified)
        #expect(server.requests.first?.headers["if-modified-since"] == "Sat, 21 Nov 2026 08:00:00 GMT")
    }

    @Test func anErrorStatusIsAResponseNotAnError() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 503, headers: [("Retry-After", "120")], text: "busy") }
        let response = try await FeedFetcher().fetch(FetchRequest(url: server.url("/f")))
        #expect(response.status == 503)
        #expect(response.headers["retry-after"] == "120")
    }

    @Test func followsRedirectsAndRecordsThem() async throws {
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/old": HTTPResponse(status: 301, headers: [("Location", "/temp")])
            case "/temp": HTTPResponse(status: 302, headers: [("Location", "/new")])
            default: HTTPResponse(text: "<rss/>")
            }
        }
        let response = try await FeedFetcher().fetch(FetchRequest(url: server.url("/old")))
        #expect(response.status == 200)
        #expect(response.effectiveURL == server.url("/new"))
        #expect(response.redirects.map(\.status) == [301, 302])
        #expect(response.redirects.first?.isPermanent == true)
    }

    @Test func stopsAfterFiveRedirects() async throws {
        let server = try LoopbackHTTPServer { request in
            let n = Int(request.path.dropFirst()) ?? 0
            return HTTPResponse(status: 302, headers: [("Location", "/\(n + 1)")])
        }
        await #expect(throws: FetchError.tooManyRedirects(limit: 5)) {
            try await FeedFetcher().fetch(FetchRequest(url: server.url("/0")))
        }
        #expect(server.requests.count == 6)
    }

    @Test func decodesGzip() async throws {
        let text = String(repeating: "<item>ceasefire</item>", count: 500)
        let compressed = try Compression.gzip(Array(text.utf8))
        let server = try LoopbackHTTPServer { _ in HTTPResponse(headers: [("Content-Encoding", "gzip")], body: compressed) }
        let response = try await FeedFetcher().fetch(FetchRequest(url: server.url("/f")))
        #expect(String(decoding: response.body, as: UTF8.self) == text)
    }

    @Test func capsTheDecodedSizeOfACompressionBomb() async throws {
        let bomb = try Compression.gzip([UInt8](repeating: 0x20, count: 20 << 20))
        #expect(bomb.count < 100_000)
        let server = try LoopbackHTTPServer { _ in HTTPResponse(headers: [("Content-Encoding", "gzip")], body: bomb) }
        let fetcher = FeedFetcher(configuration: FetcherConfiguration(maxBodyBytes: 1 << 20))
        await #expect(throws: FetchError.bodyTooLarge(limit: 1 << 20)) {
            try await fetcher.fetch(FetchRequest(url: server.url("/bomb")))
        }
    }

    @Test func aDrippingServerTimesOutWithoutDelayingOthers() async throws {
        let server = try LoopbackHTTPServer { request in
            var response = HTTPResponse(text: String(repeating: "x", count: 100))
            if request.path == "/slow" { response.dripDelay = .seconds(1) }
            return response
        }
        let fetcher = FeedFetcher(configuration: FetcherConfiguration(totalTimeout: .seconds(3)))
        let slowFinished = Locked(false)
        let slow = Task {
            defer { slowFinished.set(true) }
            return try await fetcher.fetch(FetchRequest(url: server.url("/slow")))
        }
        try await Task.sleep(for: .milliseconds(200))
        let fast = try await fetcher.fetch(FetchRequest(url: server.url("/fast")))
        #expect(fast.body.count == 100)
        #expect(!slowFinished.get(), "the fast feed finished while the slow one was still dripping")
        let slowResult = await slow.result
        #expect(throws: FetchError.timedOut(seconds: 3)) { try slowResult.get() }
    }

    @Test func refusedConnectionsAndBadURLsAreErrors() async throws {
        let server = try LoopbackHTTPServer { _ in HTTPResponse() }
        let closedURL = server.url("/")
        server.stop()
        await #expect {
            try await FeedFetcher().fetch(FetchRequest(url: closedURL))
        } throws: { error in
            if case .connectionFailed = error as? FetchError { return true }
            return false
        }
        await #expect(throws: FetchError.unsupportedScheme("ftp://example.com/feed")) {
            try await FeedFetcher().fetch(FetchRequest(url: "ftp://example.com/feed"))
        }
        await #expect(throws: FetchError.invalidURL("no scheme here")) {
            try await FeedFetcher().fetch(FetchRequest(url: "no scheme here"))
        }
    }

    @Test func readsFileURLs() async throws {
        let directory = TemporaryDirectory()
        let path = directory.write("feed.xml", "<rss version=\"2.0\"/>")
        let response = try await FeedFetcher().fetch(FetchRequest(url: "file://" + path))
        #expect(response.status == 200)
        #expect(response.body == Array("<rss version=\"2.0\"/>".utf8))
        await #expect {
            try await FeedFetcher().fetch(FetchRequest(url: "file://" + directory.file("missing.xml")))
        } throws: { error in
            if case .fileUnreadable = error as? FetchError { return true }
            return false
        }
    }

    @Test func neverOpensMoreThanTheHostLimit() async throws {
        let server = try LoopbackHTTPServer { _ in
            var response = HTTPResponse(text: "<rss/>")
            response.delay = .milliseconds(150)
            return response
        }
        let fetcher = FeedFetcher(configuration: FetcherConfiguration(maxConnectionsPerHost: 2))
        try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<8 {
                group.addTask { try await fetcher.fetch(FetchRequest(url: server.url("/\(index)"))).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        #expect(server.requests.count == 8)
        #expect(server.peakConnectionsPerHost["127.0.0.1"] == 2)
    }

    @Test func aFailureAfterARedirectNamesWhereTheRequestEnded() async throws {
        let closed = try LoopbackHTTPServer { _ in HTTPResponse(status: 200) }
        let deadURL = closed.url("/feed.xml")
        closed.stop()
        let server = try LoopbackHTTPServer { _ in HTTPResponse(status: 301, headers: [("Location", deadURL)]) }
        let start = server.url("/old")
        do {
            _ = try await FeedFetcher().fetch(FetchRequest(url: start))
            Issue.record("a refused connection was not an error")
        } catch {
            #expect("\(error)".hasSuffix(" at \(deadURL) (redirected from \(start))"), "\(error)")
        }
    }

    @Test func cancellingTheTaskAbortsTheTransfer() async throws {
        let server = try LoopbackHTTPServer { _ in
            var response = HTTPResponse(text: String(repeating: "x", count: 50))
            response.dripDelay = .seconds(1)
            return response
        }
        let fetcher = FeedFetcher()
        let task = Task { try await fetcher.fetch(FetchRequest(url: server.url("/slow"))) }
        try await Task.sleep(for: .milliseconds(300))
        let started = ContinuousClock.now
        task.cancel()
        let result = await task.result
        // The answer would take 50 s; a busy machine may take a few to notice the cancellation.
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(throws: FetchError.cancelled) { try result.get() }
    }
}
