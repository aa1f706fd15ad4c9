import Foundation
import Testing
import TestSupport

/// What systemd and an administrator see of the daemon: the notify protocol, reload, metrics,
/// and the CLI working beside a busy daemon.
@Suite struct ServiceEndToEndTests {
    @Test func speaksTheNotifyProtocol() async throws {
        let install = Installation()
        let notify = try DatagramReceiver(path: install.directory.file("notify.sock"))
        let daemon = try Programs.start(
            "feedwatchd", install.paths, output: install.directory.file("out"),
            environment: ["NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "1000000"])
        defer { if daemon.isRunning { daemon.terminate() } }
        try await waitUntil("READY=1") { notify.messages.contains { $0.hasPrefix("READY=1") } }
        #expect(notify.messages.first { $0.hasPrefix("READY=1") }?.contains("STATUS=0 feeds") == true)
        try await waitUntil("watchdog pings") { notify.messages.filter { $0 == "WATCHDOG=1" }.count >= 3 }

        let server = try LoopbackHTTPServer { _ in HTTPResponse(text: SampleFeeds.rss(items: [PollingEndToEndTests.grainStory])) }
        try install.ok("feed", "add", "--no-fetch", server.url("/f.xml"))
        try await waitUntil("STATUS after a cycle") { notify.messages.contains { $0.contains("last cycle: 1 updated") } }

        daemon.interrupt()
        try await waitUntil("exit") { !daemon.isRunning }
        #expect(daemon.terminationStatus == 0)
        #expect(notify.messages.contains("STOPPING=1"))
    }

    @Test func sighupReloadsTheConfigurationAndKeepsItWhenBroken() async throws {
        let install = Installation()
        let firstLog = install.directory.file("first.jsonl")
        let secondLog = install.directory.file("second.jsonl")
        let config = install.directory.write("feedwatch.toml", "alert_log = \"\(firstLog)\"\n")
        let server = try LoopbackHTTPServer { request in
            HTTPResponse(text: SampleFeeds.rss(items: [
                SampleFeeds.Item(guid: request.path, title: "Ceasefire \(request.path)", link: "https://x.example\(request.path)", html: "<p>A ceasefire.</p>")
            ]))
        }
        let arguments = ["--config", config, "--database", install.database]
        let output = install.directory.file("out")
        let daemon = try Programs.start("feedwatchd", arguments, output: output)
        defer { if daemon.isRunning { daemon.terminate() } }
        try Programs.run("feedwatch", ["track", "keyword", "truce", "ceasefire"] + arguments)
        try Programs.run("feedwatch", ["feed", "add", "--no-fetch", server.url("/one")] + arguments)
        try await waitUntil("first alert") { lines(firstLog) == 1 }

        try "[polling\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        try await waitUntil("reload refused") { log(output).contains("configuration not reloaded") }
        #expect(daemon.isRunning)

        try "alert_log = \"\(secondLog)\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        try await waitUntil("reloaded") { log(output).contains("configuration reloaded") }
        try Programs.run("feedwatch", ["feed", "add", "--no-fetch", server.url("/two")] + arguments)
        try await waitUntil("second alert in the new log") { lines(secondLog) == 1 }
        #expect(lines(firstLog) == 1)
        daemon.terminate()
        try await waitUntil("exit") { !daemon.isRunning }
        #expect(daemon.terminationStatus == 0)
    }

    @Test func servesMetricsOnLoopbackWhenAsked() async throws {
        let install = Installation()
        let port = LoopbackGET.freePort()
        let config = install.directory.write("feedwatch.toml", "[metrics]\nlisten = \"127.0.0.1:\(port)\"\n")
        let server = try LoopbackHTTPServer { request in
            request.path == "/down" ? HTTPResponse(status: 500) : HTTPResponse(text: SampleFeeds.rss(items: [PollingEndToEndTests.grainStory]))
        }
        try install.ok("feed", "add", "--no-fetch", server.url("/up"))
        try install.ok("feed", "add", "--no-fetch", server.url("/down"))
        let daemon = try Programs.start("feedwatchd", ["--config", config] + install.paths, output: install.directory.file("out"))
        defer { if daemon.isRunning { daemon.terminate() } }
        try await waitUntil("metrics after a cycle") {
            LoopbackGET.get(port: port, path: "/metrics")?.body.contains("feedwatch_cycles_total 1") == true
        }
        let body = try #require(LoopbackGET.get(port: port, path: "/metrics")).body
        #expect(body.contains("feedwatch_fetches_total{status=\"200\"} 1"))
        #expect(body.contains("feedwatch_fetches_total{status=\"500\"} 1"))
        #expect(body.contains("feedwatch_feeds 2"))
        #expect(body.contains("feedwatch_feeds_failing 1"))
        #expect(body.contains("feedwatch_articles_stored_total 1"))
        #expect(LoopbackGET.get(port: port, path: "/")?.status == 404)

        let refused = install.directory.write("bad.toml", "[metrics]\nlisten = \"0.0.0.0:9464\"\n")
        let result = try Programs.run("feedwatchd", ["--once", "--config", refused] + install.paths)
        #expect(result.status == 2)
        #expect(result.stderr.contains("metrics.listen"))
    }

    @Test func theCLINeverFindsTheDatabaseLockedWhileTheDaemonIngests() async throws {
        let install = Installation()
        let items = (0..<50).map { SampleFeeds.Item(guid: "g\($0)", title: "Story \($0)", link: "https://x.example/\($0)", html: String(repeating: "<p>Text of the story. </p>", count: 40)) }
        let server = try LoopbackHTTPServer { request in
            HTTPResponse(text: SampleFeeds.rss(title: request.path, items: items.map {
                var item = $0
                item.guid = request.path + $0.guid
                item.title = request.path + " " + $0.title
                return item
            }))
        }
        let busy = (0..<150).map { server.url("/busy/\($0)") }.joined(separator: "\n")
        try install.ok("feed", "import", install.directory.write("busy.txt", busy))
        let daemon = try Programs.start("feedwatchd", install.paths, output: install.directory.file("out"))
        defer { if daemon.isRunning { daemon.terminate() } }

        let more = (0..<200).map { "https://more.example/\($0).xml" }.joined(separator: "\n")
        // Forty-one commands in a row: run where their waiting holds no cooperative thread.
        let failures = try await Programs.offThePool { () throws -> [String] in
            var failures: [String] = []
            let imported = try install.cli("feed", "import", install.directory.write("more.txt", more))
            if imported.status != 0 { failures.append(imported.stderr) }
            for index in 0..<20 {
                let result = try install.cli("track", "keyword", "t\(index)", "story \(index)")
                if result.status != 0 { failures.append(result.stderr) }
                let listed = try install.cli("feed", "list", "--json")
                if listed.status != 0 { failures.append(listed.stderr) }
            }
            return failures
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(try install.feeds().count == 350)
        try await waitUntil("the busy cycle stored", timeout: .seconds(60)) {
            ((try install.status().json["counts"] as? [String: Any])?["articles"] as? Int) == 7500
        }
        daemon.terminate()
        try await waitUntil("exit") { !daemon.isRunning }
        #expect(!log(install.directory.file("out")).contains("locked"))
    }

    private func lines(_ path: String) -> Int {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    private func log(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}

/// Polls a condition until it holds, failing the test after `timeout`. The timeout is generous:
/// on two cores, tests running beside this one block the test runner's threads for seconds at a
/// time while their programs run, and that wait counts against it; a passing condition returns early.
/// The condition is looked at once more when the time is up: a task that only got a thread back
/// after the deadline has not seen the condition fail, only not looked.
/// `log`: a file whose end (a daemon's output) the failure quotes, to show where it was waiting.
func waitUntil(
    _ what: String, timeout: Duration = .seconds(60), log: String? = nil, _ condition: () throws -> Bool
) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return }
        try await Task.sleep(for: .milliseconds(100))
    }
    if try condition() { return }
    let output = log.flatMap { try? String(contentsOfFile: $0, encoding: .utf8) }.map { "; its output ends:\n" + $0.suffix(2_000) } ?? ""
    Issue.record("timed out waiting for \(what)\(output)")
    throw CancellationError()
}
