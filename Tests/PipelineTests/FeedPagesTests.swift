import FeedModel
import FeedStorage
import Foundation
import Pipeline
import Testing
import TestSupport

/// A cycle reads its feeds a page at a time, as its fetches reach them, in one pipeline.
@Suite struct FeedPagesTests {
    func harnessWithFeeds(_ count: Int) throws -> (PollingHarness, LoopbackHTTPServer) {
        let harness = try PollingHarness()
        let server = try LoopbackHTTPServer { request in
            HTTPResponse(text: rss(["story\(request.path.dropFirst().prefix { $0 != "." })"]))
        }
        for number in 1...count { try harness.add(server.url("/f\(number).xml")) }
        return (harness, server)
    }

    /// Pages of three: every feed polled once, each page after the last feed of the one before,
    /// and written in their order, as if they had been given at once.
    @Test func everyPageIsPolledInOrder() async throws {
        let (harness, server) = try harnessWithFeeds(7)
        let asked = Locked<[Int64?]>([])
        let store = harness.store
        let pages = FeedPages(include: { $0.id != 5 }) { after in
            asked.update { $0.append(after?.id) }
            return try store.feeds(after: after?.id ?? 0, limit: 3)
        }
        let report = await harness.cycle.run(pages: pages)
        #expect(report.feeds == 6 && report.updated == 6, "the feed left out is not polled")
        #expect(asked.get() == [nil, 3, 6, 7], "each page after the last feed of the one before; an empty one ends them")
        let stored = try store.articles(limit: 10).sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        #expect(stored.map { $0.title } == [1, 2, 3, 4, 6, 7].map { "Story storyf\($0)" }, "written in the feeds' order")
        _ = server
    }

    /// A page that cannot be read ends the cycle with the feeds read before it.
    @Test func aPageThatCannotBeReadEndsTheCycle() async throws {
        let (harness, server) = try harnessWithFeeds(5)
        let store = harness.store
        let pages = FeedPages { after in
            if after != nil { throw StorageError.cannotOpen(path: "test", reason: "disk gone") }
            return try store.feeds(after: 0, limit: 2)
        }
        let report = await harness.cycle.run(pages: pages)
        #expect(report.feeds == 2)
        #expect(try harness.feed(1).lastFetchAt != nil && harness.feed(3).lastFetchAt == nil)
        _ = server
    }
}
