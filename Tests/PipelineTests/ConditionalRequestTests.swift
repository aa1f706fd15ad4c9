import FeedStorage
import Foundation
import GRDB
import Pipeline
import Testing
import TestSupport

@Suite struct ConditionalRequestTests {
    @Test func validatorsAreSentAndRefreshedOnEvery200() async throws {
        let harness = try PollingHarness()
        let server = try LoopbackHTTPServer { request in
            switch request.headers["if-none-match"] {
            case nil: HTTPResponse(headers: [("ETag", "\"v1\""), ("Last-Modified", "Sat, 21 Nov 2026 08:00:00 GMT")], text: rss(["a"]))
            case "\"v1\"": HTTPResponse(headers: [("ETag", "\"v2\"")], text: rss(["a", "b"]))
            default: HTTPResponse(status: 304, headers: [("ETag", "\"v2\"")])
            }
        }
        let feed = try harness.add(server.url("/feed"))
        var report = try await harness.pollAll()
        #expect(report.updated == 1)
        #expect(try harness.feed(feed.id).etag == "\"v1\"")

        report = try await harness.pollAll()
        #expect(report.updated == 1)
        #expect(report.newArticles == 1)
        let refreshed = try harness.feed(feed.id)
        #expect(refreshed.etag == "\"v2\"")
        #expect(refreshed.lastModified == nil, "a 200 without Last-Modified clears the old one")

        report = try await harness.pollAll()
        #expect(report.unchanged == 1)
        #expect(report.updated == 0)
        #expect(server.requests.map { $0.headers["if-none-match"] } == [nil, "\"v1\"", "\"v2\""])
        #expect(server.requests[1].headers["if-modified-since"] == "Sat, 21 Nov 2026 08:00:00 GMT")
        #expect(try harness.feed(feed.id).lastStatus == 304)
    }

    @Test func anUnchangedBodyWithoutValidatorsIsNotParsedAgain() async throws {
        let harness = try PollingHarness()
        let body = rss(["a", "b"])
        let server = try LoopbackHTTPServer { _ in HTTPResponse(text: body) }
        try harness.add(server.url("/feed"))
        #expect(try await harness.pollAll().updated == 1)
        let second = try await harness.pollAll()
        #expect(second.unchanged == 1)
        #expect(second.updated == 0)
        #expect(server.requests.count == 2)
    }
}

/// The fetch states of answers with nothing else to store are saved together; when the database
/// refuses one of them, the others are saved on their own and only that feed fails.
@Suite struct FetchStatesTogetherTests {
    @Test func aStateTheDatabaseRefusesCostsNoOtherFeed() async throws {
        let harness = try PollingHarness()
        let server = try LoopbackHTTPServer { request in
            request.headers["if-none-match"] == nil
                ? HTTPResponse(headers: [("ETag", "\"v1\"")], text: rss([request.path]))
                : HTTPResponse(status: 304, headers: [("ETag", "\"v1\"")])
        }
        let feeds = try ["/a", "/b", "/c"].map { try harness.add(server.url($0)) }
        #expect(try await harness.pollAll().updated == 3)
        // Saving a 304 for /b is refused by the database itself.
        try await DatabaseQueue(path: harness.directory.file("feedwatch.sqlite")).write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_b BEFORE UPDATE ON feeds WHEN NEW.last_status = 304 AND NEW.url LIKE '%/b'
                BEGIN SELECT RAISE(ABORT, 'refused'); END
                """)
        }
        harness.advance(3_600)
        let report = try await harness.pollAll()
        #expect(report.unchanged == 2)
        #expect(report.failed == 1)
        #expect(try harness.feed(feeds[0].id).lastStatus == 304)
        #expect(try harness.feed(feeds[2].id).lastStatus == 304)
        let refused = try harness.feed(feeds[1].id)
        #expect(refused.lastStatus == 200)
        #expect(refused.lastError?.contains("refused") == true, "\(refused.lastError ?? "no error")")
        #expect(refused.consecutiveFailures == 1)
    }
}
