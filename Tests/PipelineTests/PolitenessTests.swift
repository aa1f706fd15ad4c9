import FeedModel
import FeedStorage
import Foundation
import Pipeline
import Testing
import TestSupport

@Suite struct PolitenessTests {
    @Test func retryAfterSecondsPausesTheWholeHost() async throws {
        let harness = try PollingHarness()
        let server = try LoopbackHTTPServer { request in
            request.path == "/busy" ? HTTPResponse(status: 429, headers: [("Retry-After", "600")], text: "slow down") : HTTPResponse(text: rss(["x"]))
        }
        let busy = try harness.add(server.url("/busy"))
        let sibling = try harness.add(server.url("/other"))
        // Only the busy feed is due: it answers 429.
        let report = await harness.cycle.run([busy])
        #expect(report.failed == 1)
        let paused = try harness.feed(busy.id)
        #expect(paused.nextFetchAt >= harness.now.addingTimeInterval(600))
        #expect(paused.lastError == "HTTP 429 Too Many Requests")

        // Ten seconds later the sibling on the same host is deferred, not fetched.
        harness.advance(10)
        let next = await harness.cycle.run([try harness.feed(sibling.id)])
        #expect(next.deferred == 1)
        #expect(server.requests(path: "/other").isEmpty)
        #expect(try harness.feed(sibling.id).nextFetchAt >= harness.now.addingTimeInterval(590))

        // After the pause it is fetched.
        harness.advance(600)
        #expect(await harness.cycle.run([try harness.feed(sibling.id)]).updated == 1)
    }

    @Test func retryAfterAsAnHTTPDateIsHonoured() async throws {
        let harness = try PollingHarness()
        let until = harness.now.addingTimeInterval(3600)
        let server = try LoopbackHTTPServer { _ in
            HTTPResponse(status: 503, headers: [("Retry-After", HTTPDate.string(until))], text: "maintenance")
        }
        let feed = try harness.add(server.url("/feed"))
        try await harness.pollAll()
        let state = try harness.feed(feed.id)
        #expect(abs(state.nextFetchAt.timeIntervalSince(until)) < 2)
        #expect(state.lastError == "HTTP 503 Service Unavailable")
    }

    @Test func failuresBackOffExponentiallyAndAlertAfterTheThreshold() async throws {
        let harness = try PollingHarness(failureThreshold: 3)
        let healthy = Locked(false)
        let server = try LoopbackHTTPServer { _ in
            healthy.get() ? HTTPResponse(text: rss(["a"])) : HTTPResponse(status: 500, text: "down")
        }
        let feed = try harness.add(server.url("/feed"))
        var waits: [Int] = []
        for _ in 1...5 {
            try await harness.pollDue()
            let state = try harness.feed(feed.id)
            waits.append(Int(state.nextFetchAt.timeIntervalSince(harness.now).rounded()))
            harness.advance(state.nextFetchAt.timeIntervalSince(harness.now))
        }
        #expect(waits == [60, 120, 240, 480, 960])
        #expect(try harness.feed(feed.id).consecutiveFailures == 5)
        let failing = harness.alertLines().filter { $0.kind == .feedFailing }
        #expect(failing.count == 1, "feed.failing is raised once, when the threshold is crossed")
        #expect(failing.first?.message?.contains("3 consecutive failures") == true)

        healthy.set(true)
        try await harness.pollDue()
        let recovered = harness.alertLines().filter { $0.kind == .feedRecovered }
        #expect(recovered.count == 1)
        #expect(recovered.first?.feed?.url == server.url("/feed"))
        #expect(try harness.feed(feed.id).consecutiveFailures == 0)
    }

    @Test func theBackoffIsCappedAndNeverGivesUp() {
        var schedule = FeedSchedule(defaultInterval: .seconds(900), maxBackoff: .seconds(6 * 3600))
        schedule.jitter = 0
        var generator = SystemRandomNumberGenerator()
        let now = Date(timeIntervalSince1970: 0)
        let waits = [1, 2, 9, 10, 50, 1000].map {
            Int(schedule.afterFailure(at: now, failures: $0, retryAfter: nil, using: &generator).timeIntervalSince1970)
        }
        #expect(waits == [60, 120, 15360, 21600, 21600, 21600])
    }

    @Test func jitterSpreadsDueTimes() {
        let schedule = FeedSchedule(defaultInterval: .seconds(900), maxBackoff: .seconds(6 * 3600))
        var generator = SystemRandomNumberGenerator()
        let now = Date(timeIntervalSince1970: 0)
        let times = (0..<200).map { _ in schedule.afterSuccess(at: now, feedInterval: nil, using: &generator).timeIntervalSince1970 }
        #expect(times.allSatisfy { (810...990).contains($0) })
        #expect(Set(times.map { Int($0) }).count > 50)
    }

    /// One 503 naming a date in 2099 used to silence the host until then.
    @Test func aRetryAfterFarAwayPausesTheHostForADayAtMost() async throws {
        let harness = try PollingHarness()
        let server = try LoopbackHTTPServer { request in
            request.path == "/busy"
                ? HTTPResponse(status: 503, headers: [("Retry-After", "Wed, 21 Oct 2099 07:28:00 GMT")], text: "busy")
                : HTTPResponse(text: rss(["x"]))
        }
        let busy = try harness.add(server.url("/busy"))
        _ = await harness.cycle.run([busy])
        let pauses = try harness.store.hostPauseList(after: harness.now)
        #expect(pauses.count == 1)
        let until = try #require(pauses.first?.until)
        #expect(until.timeIntervalSince(harness.now) <= 86400 + 1)
        #expect(until.timeIntervalSince(harness.now) >= 86400 - 1)
        #expect(try harness.feed(busy.id).nextFetchAt.timeIntervalSince(harness.now) <= 86400 + 1)

        // A pause stored longer than the cap (by an older version) is cut to it by the next cycle.
        #expect(try harness.store.liftHostPause("127.0.0.1"))
        try harness.store.pauseHost("127.0.0.1", until: Date(timeIntervalSince1970: 4_096_000_000), reason: "old")
        let sibling = try harness.add(server.url("/other"))
        #expect(await harness.cycle.run([try harness.feed(sibling.id)]).deferred == 1)
        let cut = try #require(try harness.store.hostPauseList(after: harness.now).first?.until)
        #expect(cut.timeIntervalSince(harness.now) <= 86400 + 1)
        harness.advance(86400 + 5)
        #expect(await harness.cycle.run([try harness.feed(sibling.id)]).updated == 1)
        try harness.store.pauseHost("127.0.0.1", until: harness.now.addingTimeInterval(60), reason: "again")
        #expect(try harness.store.liftHostPause("127.0.0.1"))
        #expect(try harness.store.hostPauseList(after: harness.now).isEmpty)
    }

    @Test func aServerWaitIsCappedWhateverItSays() {
        var schedule = FeedSchedule(defaultInterval: .seconds(900), maxBackoff: .seconds(6 * 3600))
        schedule.jitter = 0
        schedule.maxServerWait = .seconds(3 * 3600)
        var generator = SystemRandomNumberGenerator()
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        let far = Date(timeIntervalSince1970: 4_096_000_000)
        #expect(schedule.afterFailure(at: now, failures: 1, retryAfter: far, using: &generator) == now.addingTimeInterval(3 * 3600))
        #expect(schedule.afterFailure(at: now, failures: 1, retryAfter: .distantFuture, using: &generator) == now.addingTimeInterval(3 * 3600))
        #expect(schedule.interval(forFeedInterval: 3600, serverInterval: Int.max) == .seconds(3 * 3600))
        #expect(schedule.interval(forFeedInterval: 30 * 86400, serverInterval: Int.max) == .seconds(30 * 86400), "a hint never shortens")
    }

    @Test func aFeedsTTLLengthensItsIntervalWithinBounds() {
        var schedule = FeedSchedule(defaultInterval: .seconds(900), maxBackoff: .seconds(6 * 3600))
        schedule.jitter = 0
        #expect(schedule.interval(forFeedInterval: nil, serverInterval: 3600) == .seconds(3600))
        #expect(schedule.interval(forFeedInterval: nil, serverInterval: 86400) == .seconds(3600), "at most fourfold")
        #expect(schedule.interval(forFeedInterval: 600, serverInterval: 60) == .seconds(600), "never shorter")
    }
}

/// IMF-fixdate, as servers send in Retry-After.
enum HTTPDate {
    static func string(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }
}
