import Foundation
import Testing
import TestSupport

@Suite struct DaemonEndToEndTests {
    @Test func aRunningDaemonPicksUpCLIChangesAndStopsCleanly() async throws {
        let install = Installation()
        let server = try LoopbackHTTPServer { _ in
            HTTPResponse(text: SampleFeeds.rss(items: [PollingEndToEndTests.ceasefireStory, PollingEndToEndTests.grainStory]))
        }
        let output = install.directory.file("daemon.out")
        let daemon = try Programs.start("feedwatchd", install.paths, output: output)
        defer { if daemon.isRunning { daemon.terminate() } }

        try await waitUntil("daemon heartbeat") {
            (try? install.json("status") as? [String: Any])
                .flatMap { ($0["daemon"] as? [String: Any])?["running"] as? Bool } == true
        }
        try install.ok("track", "keyword", "truce", "ceasefire")
        try install.ok("feed", "add", "--no-fetch", server.url("/live.xml"))
        try await waitUntil("alert from the running daemon") { install.alertLines().count == 1 }
        #expect(install.alertLines().first?["tracker"] as? String == "truce")

        daemon.interrupt()  // SIGINT
        try await waitUntil("daemon exit") { !daemon.isRunning }
        #expect(daemon.terminationStatus == 0)
        let printed = try String(contentsOfFile: output, encoding: .utf8)
        #expect(printed.contains("\"tracker\":\"truce\""), "the alert is on standard output for the journal")
        let status = try install.json("status") as? [String: Any]
        #expect((status?["daemon"] as? [String: Any])?["running"] as? Bool == false)
    }

    @Test func sigtermExitsZero() async throws {
        let install = Installation()
        let daemon = try Programs.start("feedwatchd", install.paths, output: install.directory.file("out"))
        try await waitUntil("daemon heartbeat") {
            (try? install.json("status") as? [String: Any])
                .flatMap { ($0["daemon"] as? [String: Any])?["running"] as? Bool } == true
        }
        daemon.terminate()  // SIGTERM
        try await waitUntil("daemon exit") { !daemon.isRunning }
        #expect(daemon.terminationStatus == 0)
    }

    private func waitUntil(_ what: String, timeout: Duration = .seconds(20), _ condition: () throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }
}
