import Foundation
import Testing
import TestSupport

/// A cycle reads its feeds from the database a page at a time, as its fetches reach them, so
/// that memory does not grow with the number of feeds: every feed is still polled once.
@Suite struct PagedCycleEndToEndTests {
    static let environment = ["FEEDWATCH_TEST_FEEDS_PER_PAGE": "3"]

    /// A server whose every path is a feed of one story named after it, and the paths asked for.
    static func server() throws -> (LoopbackHTTPServer, Locked<[String]>) {
        let requests = Locked<[String]>([])
        let server = try LoopbackHTTPServer { request in
            requests.update { $0.append(request.path) }
            let name = String(request.path.dropFirst().prefix { $0 != "." })
            return HTTPResponse(text: SampleFeeds.rss(items: [HostileFeedsEndToEndTests.item(name, "Story of \(name)")]))
        }
        return (server, requests)
    }

    @Test func aRunPollsEveryFeedOnceAPageAtATime() throws {
        let install = Installation()
        let (server, requests) = try Self.server()
        let paths = (1...7).map { "/f\($0).xml" }
        for path in paths { try install.ok("feed", "add", "--no-fetch", server.url(path)) }
        try install.ok("feed", "pause", "3")

        // Due feeds, three to a page: the six that are not paused, each once.
        let due = try Programs.run("feedwatchd", ["--once"] + install.paths, environment: Self.environment)
        #expect(due.status == 0, "feedwatchd --once: \(due.stderr)")
        #expect(due.stderr.contains("cycle: 6 feeds: 6 updated"), "one line for the whole run: \(due.stderr.suffix(400))")
        #expect(requests.get().sorted() == paths.filter { $0 != "/f3.xml" }.sorted())
        let titles = Set(try install.articles().compactMap { $0["title"] as? String })
        #expect(titles == Set([1, 2, 4, 5, 6, 7].map { "Story of f\($0)" }))

        // Every feed, due or not, three to a page; the paused one is still left alone.
        requests.update { $0.removeAll() }
        let all = try Programs.run("feedwatchd", ["--once", "--all"] + install.paths, environment: Self.environment)
        #expect(all.status == 0, "feedwatchd --once --all: \(all.stderr)")
        #expect(all.stderr.contains("cycle: 6 feeds: 0 updated, 6 unchanged"), "\(all.stderr.suffix(400))")
        #expect(requests.get().count == 6)
        #expect(Set(requests.get()).count == 6, "no feed polled twice")
    }

    /// The daemon reads its due feeds a page at a time too: every feed is polled once within
    /// its interval, and a SIGTERM ends it cleanly.
    @Test func theDaemonPollsEveryDueFeedOnceAPageAtATime() async throws {
        let install = Installation()
        let (server, requests) = try Self.server()
        let paths = (1...8).map { "/d\($0).xml" }
        for path in paths { try install.ok("feed", "add", "--no-fetch", server.url(path)) }
        let output = install.directory.file("out")
        let daemon = try Programs.start("feedwatchd", install.paths, output: output, environment: Self.environment)
        defer { if daemon.isRunning { daemon.terminate() } }
        try await waitUntil("every feed polled", log: output) { Set(requests.get()).count == paths.count }
        // A second would be a feed handed out twice; the feeds are not due again for 15 minutes.
        try await Task.sleep(for: .seconds(2))
        #expect(requests.get().sorted() == paths.sorted(), "each due feed once")
        daemon.terminate()
        try await waitUntil("exit") { !daemon.isRunning }
        #expect(daemon.terminationStatus == 0)
        #expect(Set(try install.articles().compactMap { $0["title"] as? String }).count == paths.count)
    }
}
