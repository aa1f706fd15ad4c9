import Foundation
import Testing
import TestSupport

/// A feed body that kills the daemon (a trap only a test build can inject, standing in for any
/// future bug) costs that feed only: the next start quarantines the body, says so in `feed list`
/// and with a `feed.failing` alert, polls everything else, and reads the feed again once its
/// content changes.
@Suite struct CrashRecoveryEndToEndTests {
    static let trap = "FEEDWATCH-TEST-TRAP-7d1f"
    static let environment = ["FEEDWATCH_TEST_TRAP": trap, "SWIFT_BACKTRACE": "enable=no"]

    @Test func aBodyTheDaemonDiesOnIsQuarantinedAndTheOthersAreRead() throws {
        let install = Installation()
        let poisoned = Locked(true)
        let server = try LoopbackHTTPServer { request in
            switch request.path {
            case "/poison-a.xml", "/poison-b.xml":
                let text = poisoned.get() ? "Contains \(Self.trap)." : "Talks resumed in Geneva."
                return HTTPResponse(text: SampleFeeds.rss(items: [
                    HostileFeedsEndToEndTests.item("p\(request.path.count)\(poisoned.get())", "Story from \(request.path)", text: text)
                ]))
            case "/healthy.xml":
                return HTTPResponse(text: SampleFeeds.rss(items: [HostileFeedsEndToEndTests.item("h", "Healthy story")]))
            default: return HTTPResponse(status: 404, text: "no")
            }
        }
        for path in ["/poison-a.xml", "/healthy.xml", "/poison-b.xml"] {
            try install.ok("feed", "add", "--no-fetch", server.url(path))
        }
        // Each run dies on a poisoned body or quarantines what the last one died on. Two bodies
        // may be in flight at one crash; they are then read one at a time, so it takes at most
        // two crashes per poisoned feed before a run goes through.
        var crashes = 0
        var finished = false
        for _ in 0..<6 {
            let run = try Programs.run("feedwatchd", ["--once", "--all"] + install.paths, environment: Self.environment)
            if run.status == 0 {
                finished = true
                break
            }
            #expect(run.stderr.contains("injected fault"), "the run died of the injected fault: \(run.stderr.suffix(400))")
            crashes += 1
        }
        #expect(finished, "a run completes once the poisoned bodies are quarantined")
        #expect(crashes >= 2 && crashes <= 4)

        let feeds = try install.feeds()
        let quarantined = feeds.filter { $0["status"] as? String == "quarantined" }.compactMap { $0["url"] as? String }
        #expect(Set(quarantined) == [server.url("/poison-a.xml"), server.url("/poison-b.xml")])
        for feed in feeds where feed["status"] as? String == "quarantined" {
            #expect((feed["last_error"] as? String)?.contains("FeedWatch stopped while reading this feed's content") == true)
        }
        let titles = Set(try install.articles().compactMap { $0["title"] as? String })
        #expect(titles.contains("Healthy story"))
        let failing = install.alertLines().filter { $0["kind"] as? String == "feed.failing" }
        #expect(failing.count == 2)
        #expect(failing.allSatisfy { ($0["message"] as? String) == "FeedWatch stopped while reading this feed's content; skipped until it changes" })
        let table = try install.ok("feed", "list")
        #expect(table.contains("quarantined"))

        // The same bodies again: skipped, nothing dies.
        let again = try Programs.run("feedwatchd", ["--once", "--all"] + install.paths, environment: Self.environment)
        #expect(again.status == 0, "quarantined bodies are not read again: \(again.stderr.suffix(400))")

        // New content is read, and lifts the quarantine.
        poisoned.set(false)
        let fresh = try Programs.run("feedwatchd", ["--once", "--all"] + install.paths, environment: Self.environment)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(try install.feeds().allSatisfy { $0["status"] as? String == "ok" })
        #expect(Set(try install.articles().compactMap { $0["title"] as? String }).isSuperset(of: [
            "Story from /poison-a.xml", "Story from /poison-b.xml",
        ]))
    }

    @Test func resumeLiftsAQuarantine() throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { _ in
            HTTPResponse(text: SampleFeeds.rss(items: [HostileFeedsEndToEndTests.item("x", "Poisoned", text: Self.trap)]))
        }
        try install.ok("feed", "add", "--no-fetch", server.url("/p.xml"))
        let crash = try Programs.run("feedwatchd", ["--once", "--all"] + install.paths, environment: Self.environment)
        #expect(crash.status != 0)
        try install.once()
        #expect(try install.feeds().first?["status"] as? String == "quarantined")
        let resumed = try install.ok("feed", "resume", "1")
        #expect(resumed.contains("quarantine lifted"))
        #expect(try install.feeds().first?["status"] as? String != "quarantined")
        // Resumed, the same body is read again (and here, kills the run again).
        let again = try Programs.run("feedwatchd", ["--once"] + install.paths, environment: Self.environment)
        #expect(again.status != 0)
    }
}
