import Foundation
import Testing
import TestSupport

/// Hooks as a user configures them: `[[sink]]` in the config, a program and a webhook receiving
/// alerts from `feedwatchd`, and `feedwatch status` showing what waits.
@Suite struct HooksEndToEndTests {
    static func hookScript(in directory: TemporaryDirectory) -> String {
        let script = directory.write("notify.sh", """
            #!/bin/sh
            cat >> '\(directory.file("received.jsonl"))'
            printf '%s|%s|%s\\n' "$FEEDWATCH_ALERT_ID" "$FEEDWATCH_ALERT_KIND" "$1" >> '\(directory.file("calls"))'

            """)
        chmod(script, 0o755)
        return script
    }

    @Test func onceDeliversToHooksAndStatusShowsWhatWaits() throws {
        let install = Installation()
        let script = Self.hookScript(in: install.directory)
        let receiver = try LoopbackHTTPServer { _ in HTTPResponse(status: 500, text: "receiver broken") }
        let config = install.directory.write("feedwatch.toml", """
            [[sink]]
            name = "notify"
            type = "exec"
            command = ["\(script)", "a b $HOME"]

            [[sink]]
            name = "chat"
            type = "webhook"
            url = "\(receiver.url("/hook"))"
            secret = "s"
            """)
        let feeds = try LoopbackHTTPServer { _ in
            HTTPResponse(text: SampleFeeds.rss(items: [PollingEndToEndTests.ceasefireStory, PollingEndToEndTests.grainStory]))
        }
        let arguments = ["--config", config] + install.paths
        #expect(try Programs.run("feedwatch", ["track", "keyword", "truce", "ceasefire"] + arguments).status == 0)
        #expect(try Programs.run("feedwatch", ["feed", "add", "--no-fetch", feeds.url("/wire.xml")] + arguments).status == 0)
        let once = try Programs.run("feedwatchd", ["--once"] + arguments)
        #expect(once.status == 0, "\(once.stderr)")

        let logged = try String(contentsOfFile: install.alertLog, encoding: .utf8)
        #expect(logged.split(separator: "\n").count == 1)
        #expect(try String(contentsOfFile: install.directory.file("received.jsonl"), encoding: .utf8) == logged, "the program got the log's line")
        let alertID = try #require(install.alertLines().first?["id"] as? String)
        #expect(try String(contentsOfFile: install.directory.file("calls"), encoding: .utf8) == "\(alertID)|keyword.matched|a b $HOME\n")
        #expect(receiver.requests.count == 1)
        #expect(once.stderr.contains("hook 'chat': alert \(alertID) not delivered (attempt 1, next in"))

        let status = try Programs.run("feedwatch", ["status", "--json"] + arguments)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        let hooks = try #require(json["hooks"] as? [[String: Any]])
        #expect(hooks.map { $0["sink"] as? String } == ["notify", "chat"])
        #expect(hooks[0]["pending"] as? Int == 0)
        #expect(hooks[0]["last_delivered_at"] is String)
        #expect(hooks[1]["pending"] as? Int == 1)
        #expect(hooks[1]["attempts"] as? Int == 1)
        #expect(hooks[1]["last_error"] as? String == "HTTP 500: receiver broken")
        #expect(hooks[1]["type"] as? String == "webhook")
        let text = try Programs.run("feedwatch", ["status"] + arguments).stdout
        #expect(text.contains("  chat (webhook): 1 pending since"))
        #expect(text.contains("last: HTTP 500: receiver broken"))

        // Without the webhook in the config its alert waits, reported as such.
        let without = install.directory.write("without.toml", "[[sink]]\nname = \"notify\"\ntype = \"exec\"\ncommand = [\"\(script)\"]\n")
        let orphaned = try Programs.run("feedwatch", ["status", "--config", without] + install.paths).stdout
        #expect(orphaned.contains("chat: 1 pending since"))
        #expect(orphaned.contains("for a sink no longer in the config"))

        // The next run finds nothing due (the retry waits 10 s) and never calls the program again.
        #expect(try Programs.run("feedwatchd", ["--once"] + arguments).status == 0)
        #expect(receiver.requests.count == 1)
        #expect(try String(contentsOfFile: install.directory.file("calls"), encoding: .utf8).split(separator: "\n").count == 1)
    }

    @Test func hooksTestSendsOneMarkedTestStraightToAHook() throws {
        let install = Installation()
        let script = Self.hookScript(in: install.directory)
        let config = install.directory.write("feedwatch.toml", """
            [[sink]]
            name = "notify"
            type = "exec"
            command = ["\(script)"]

            [[sink]]
            name = "broken"
            type = "exec"
            command = ["/bin/false"]
            """)
        let arguments = ["--config", config] + install.paths
        let sent = try Programs.run("feedwatch", ["hooks", "test", "notify"] + arguments)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.hasPrefix("hook 'notify' took the test test-"))
        let received = try String(contentsOfFile: install.directory.file("received.jsonl"), encoding: .utf8)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(received.utf8)) as? [String: Any])
        #expect(json["kind"] as? String == "hook.test")
        let id = try #require(json["id"] as? String)
        #expect(id.hasPrefix("test-") && id.count == 37 && id.dropFirst(5).allSatisfy { "0123456789abcdef".contains($0) })
        #expect(json["tracker"] is NSNull, "present and null, as in an alert raised by no tracker")
        #expect(install.alertLines().isEmpty, "a test is not an alert")

        let failed = try Programs.run("feedwatch", ["hooks", "test", "broken"] + arguments)
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("hook 'broken' did not take the test test-"))
        #expect(failed.stderr.hasSuffix(": exited with status 1\n"))

        let unknown = try Programs.run("feedwatch", ["hooks", "test", "pagr"] + arguments)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "feedwatch: no sink named 'pagr' in \(config) (sinks: notify, broken)\n")
    }

    @Test func hooksTestEachKindSendsARenderedSampleOfEveryKind() throws {
        let install = Installation()
        let phone = try LoopbackHTTPServer { _ in HTTPResponse(status: 200) }
        let config = install.directory.write("feedwatch.toml", """
            [[sink]]
            name = "phone"
            type = "ntfy"
            server = "\(phone.url(""))"
            topic = "alerts"
            """)
        let sent = try Programs.run("feedwatch", ["hooks", "test", "phone", "--each-kind", "--config", config] + install.paths)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(sent.stdout.split(separator: "\n").count == 5)
        #expect(sent.stdout.contains("hook 'phone' took the sample figure.changed test-"))
        let titles = phone.requests.map { request -> String in
            let title = request.headers["title"] ?? ""
            guard title.hasPrefix("=?UTF-8?B?"), let data = Data(base64Encoded: String(title.dropFirst(10).dropLast(2))) else { return title }
            return String(decoding: data, as: UTF8.self)
        }
        #expect(titles == [
            "sample: Sample: the ministry raises the troop cap", "sample: 600,000 → 800,000 (+33%)", "sample: 800,000 (first seen)",
            "Feed failing: FeedWatch sample feed", "Feed recovered: FeedWatch sample feed",
        ])
        #expect(phone.requests.allSatisfy { $0.headers["x-feedwatch-alert-id"]?.hasPrefix("test-") == true })
        #expect(install.alertLines().isEmpty, "samples are not alerts")
    }

    @Test func credentialsNeverReachTheLogStatusOrJSONOutput() throws {
        let install = Installation()
        let botToken = "424242:Leak-Check_token"
        let matrixToken = "syt_leak_check_matrix"
        // Receivers that refuse and echo what they got, as a misconfigured proxy might.
        let echo = try LoopbackHTTPServer { request in
            HTTPResponse(status: 401, text: "refused \(request.path) \(request.headers["authorization"] ?? "")")
        }
        install.directory.write("bot.token", botToken + "\n")
        let config = install.directory.write("feedwatch.toml", """
            [[sink]]
            name = "tg"
            type = "telegram"
            token_file = "bot.token"
            chat_id = "@newsroom"
            api_url = "\(echo.url(""))"

            [[sink]]
            name = "room"
            type = "matrix"
            homeserver = "\(echo.url(""))"
            room = "!r:example.org"
            token_env = "MATRIX_TOKEN"
            """)
        let feeds = try LoopbackHTTPServer { _ in HTTPResponse(text: SampleFeeds.rss(items: [PollingEndToEndTests.ceasefireStory])) }
        let arguments = ["--config", config] + install.paths
        let environment = ["MATRIX_TOKEN": matrixToken]
        #expect(try Programs.run("feedwatch", ["track", "keyword", "truce", "ceasefire"] + arguments, environment: environment).status == 0)
        #expect(try Programs.run("feedwatch", ["feed", "add", "--no-fetch", feeds.url("/wire.xml")] + arguments, environment: environment).status == 0)
        let once = try Programs.run("feedwatchd", ["--once"] + arguments, environment: environment)
        #expect(once.status == 0, "\(once.stderr)")
        #expect(echo.requests.count == 2, "both sinks were tried")
        #expect(once.stderr.contains("hook 'tg': alert "))
        #expect(once.stderr.contains("HTTP 401: refused /bot[secret]/sendMessage"))
        #expect(once.stderr.contains("Bearer [secret]"))
        let status = try Programs.run("feedwatch", ["status"] + arguments, environment: environment)
        let json = try Programs.run("feedwatch", ["status", "--json"] + arguments, environment: environment)
        #expect(json.stdout.contains("[secret]"), "the receivers' echoes are in the status, redacted")
        let alertID = try #require(install.alertLines().first?["id"] as? String)
        let previews = try ["tg", "room"].map { try Programs.run("feedwatch", ["hooks", "preview", $0, "--alert", alertID, "--json"] + arguments, environment: environment) }
        for output in [once.stdout, once.stderr, status.stdout, status.stderr, json.stdout] + previews.flatMap({ [$0.stdout, $0.stderr] }) {
            #expect(!output.contains(botToken) && !output.contains("Leak-Check") && !output.contains(matrixToken))
        }
    }

    @Test func trackerTagSetsShowsAndClearsATrackersTags() throws {
        let install = Installation()
        #expect(try Programs.run("feedwatch", ["track", "keyword", "truce", "ceasefire"] + install.paths).status == 0)
        let set = try Programs.run("feedwatch", ["tracker", "tag", "truce", "diplomacy", "war", "war"] + install.paths)
        #expect(set.stdout == "tracker 'truce': tags diplomacy, war\n", "\(set.stderr)")
        #expect(try Programs.run("feedwatch", ["tracker", "tag", "truce"] + install.paths).stdout == "tracker 'truce': tags diplomacy, war\n")
        #expect(try Programs.run("feedwatch", ["tracker", "tag", "truce", "--clear"] + install.paths).stdout == "tracker 'truce': no tags\n")
        let unknown = try Programs.run("feedwatch", ["tracker", "tag", "truse", "x"] + install.paths)
        #expect(unknown.status == 2)
        #expect(try Programs.run("feedwatch", ["tracker", "tag", "truce", "a b"] + install.paths).status == 2)
    }

    @Test func hooksPreviewRendersAStoredAlertWithoutSendingIt() throws {
        let install = Installation()
        let receiver = try LoopbackHTTPServer { _ in HTTPResponse(status: 500) }
        let config = install.directory.write("feedwatch.toml", """
            [[sink]]
            name = "chat"
            type = "webhook"
            url = "\(receiver.url("/hook"))"
            secret = "preview-secret-value"
            headers = { Authorization = "Bearer preview-token-value" }
            title = "[{{tracker}}] {{article.title}}"
            payload = '{"text": "{{title}}", "link": "{{link}}"}'
            """)
        let feeds = try LoopbackHTTPServer { _ in HTTPResponse(text: SampleFeeds.rss(items: [PollingEndToEndTests.ceasefireStory])) }
        let arguments = ["--config", config] + install.paths
        #expect(try Programs.run("feedwatch", ["track", "keyword", "truce", "ceasefire"] + arguments).status == 0)
        #expect(try Programs.run("feedwatch", ["feed", "add", "--no-fetch", feeds.url("/wire.xml")] + arguments).status == 0)
        // Polls without delivering: no sink in this run's config.
        let bare = install.directory.write("bare.toml", "")
        #expect(try Programs.run("feedwatchd", ["--once", "--config", bare] + install.paths).status == 0)
        let alertID = try #require(install.alertLines().first?["id"] as? String)

        let preview = try Programs.run("feedwatch", ["hooks", "preview", "chat", "--alert", alertID] + arguments)
        #expect(preview.status == 0, "\(preview.stderr)")
        #expect(preview.stdout.hasPrefix("title: [truce] "))
        #expect(preview.stdout.contains("  POST \(receiver.url("/hook"))"))
        #expect(preview.stdout.contains("  Authorization: [secret]"))
        #expect(preview.stdout.contains(#"  {"text": "[truce] "#))
        let json = try Programs.run("feedwatch", ["hooks", "preview", "chat", "--alert", alertID, "--json"] + arguments)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["title"] as? String)?.hasPrefix("[truce] ") == true)
        #expect(object["alert"] as? String == alertID)
        for output in [preview.stdout, preview.stderr, json.stdout] {
            #expect(!output.contains("preview-secret-value") && !output.contains("preview-token-value"))
        }
        #expect(receiver.requests.isEmpty, "a preview sends nothing")

        let missing = try Programs.run("feedwatch", ["hooks", "preview", "chat", "--alert", "nope"] + arguments)
        #expect(missing.status == 2)
        #expect(missing.stderr == "feedwatch: no alert with id 'nope' (see `feedwatch alerts`)\n")
    }

    @Test func aRunningDaemonDeliversToAWebhookAndPicksUpNewSinksOnReload() async throws {
        let install = Installation()
        let firstHook = try LoopbackHTTPServer { _ in HTTPResponse(status: 204) }
        let secondHook = try LoopbackHTTPServer { _ in HTTPResponse(status: 204) }
        func sink(_ name: String, _ server: LoopbackHTTPServer) -> String {
            "[[sink]]\nname = \"\(name)\"\ntype = \"webhook\"\nurl = \"\(server.url("/hook"))\"\n"
        }
        let config = install.directory.write("feedwatch.toml", sink("first", firstHook))
        let feeds = try LoopbackHTTPServer { request in
            HTTPResponse(text: SampleFeeds.rss(items: [
                SampleFeeds.Item(guid: request.path, title: "Ceasefire \(request.path)", link: "https://x.example\(request.path)", html: "<p>A ceasefire.</p>")
            ]))
        }
        let arguments = ["--config", config] + install.paths
        let output = install.directory.file("out")
        let daemon = try Programs.start("feedwatchd", arguments, output: output)
        defer { if daemon.isRunning { daemon.terminate() } }
        try Programs.run("feedwatch", ["track", "keyword", "truce", "ceasefire"] + arguments)
        try Programs.run("feedwatch", ["feed", "add", "--no-fetch", feeds.url("/one")] + arguments)
        try await waitUntil("the first hook's delivery") { firstHook.requests.count == 1 }

        try (sink("first", firstHook) + sink("second", secondHook)).write(toFile: config, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        try await waitUntil("reloaded") { ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").contains("configuration reloaded") }
        try Programs.run("feedwatch", ["feed", "add", "--no-fetch", feeds.url("/two")] + arguments)
        try await waitUntil("both hooks get the second alert") { firstHook.requests.count == 2 && secondHook.requests.count == 1 }
        #expect(secondHook.requests[0].headers["x-feedwatch-alert-id"] == firstHook.requests[1].headers["x-feedwatch-alert-id"])

        daemon.terminate()
        try await waitUntil("exit") { !daemon.isRunning }
        #expect(daemon.terminationStatus == 0)
    }
}
