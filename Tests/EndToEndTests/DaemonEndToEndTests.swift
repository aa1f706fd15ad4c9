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

        try await waitUntil("daemon heartbeat", log: output) { try install.status().running }
        #expect(try install.status().exit == 0)
        try install.ok("track", "keyword", "truce", "ceasefire")
        try install.ok("feed", "add", "--no-fetch", server.url("/live.xml"))
        try await waitUntil("alert from the running daemon", log: output) { install.alertLines().count == 1 }
        #expect(install.alertLines().first?["tracker"] as? String == "truce")

        daemon.interrupt()  // SIGINT
        try await waitUntil("daemon exit") { !daemon.isRunning }
        #expect(daemon.terminationStatus == 0)
        let printed = try String(contentsOfFile: output, encoding: .utf8)
        #expect(printed.contains("\"tracker\":\"truce\""), "the alert is on standard output for the journal")
        let status = try install.status()
        #expect(!status.running)
        #expect(status.exit == 1)
    }

    @Test func sigtermExitsZero() async throws {
        let install = Installation()
        let output = install.directory.file("out")
        let daemon = try Programs.start("feedwatchd", install.paths, output: output)
        try await waitUntil("daemon heartbeat", log: output) { try install.status().running }
        daemon.terminate()  // SIGTERM
        try await waitUntil("daemon exit") { !daemon.isRunning }
        #expect(daemon.terminationStatus == 0)
    }
}
