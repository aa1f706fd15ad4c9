import Foundation
import Testing
import TestSupport

/// Three daemons share one PostgreSQL database and 300 feeds on one host; one is killed with
/// SIGKILL in the middle of its cycle. From the server's log and the database: every feed is
/// polled, none is fetched twice but those the dead daemon had in hand, the host never sees more
/// connections than `per_host` from all three together, every article is stored once, and every
/// alert is raised once, written to one alert log and delivered to the hook once.
@Suite struct MultiInstanceEndToEndTests {
    static let feeds = 300
    static let wireStories = 30
    static let perHost = 6

    struct Fetch: Sendable {
        var path: String
        var daemon: String
        var time: ContinuousClock.Instant
    }

    static func feed(_ index: Int) -> String {
        // Each feed has a story of its own and one of thirty wire stories many feeds syndicate.
        let wire = index % wireStories
        return SampleFeeds.rss(title: "Feed \(index)", items: [
            SampleFeeds.Item(guid: "own-\(index)", title: "Local story \(index)", link: "https://f\(index).example/own", html: "<p>Local news \(index).</p>"),
            SampleFeeds.Item(
                guid: "wire-\(index)", title: "Ceasefire talks, round \(wire)", link: "https://f\(index).example/wire",
                html: "<p>Ceasefire talks, round \(wire).</p>"),
        ])
    }

    @Test func threeDaemonsShareTheWorkAndOneDiesMidCycle() async throws {
        let database = try PostgresTestServer.createDatabase()
        let directory = TemporaryDirectory()
        let fetches = Locked<[Fetch]>([])
        let inFlight = Locked((now: 0, most: 0))
        let server = try LoopbackHTTPServer { request in
            guard request.path.hasPrefix("/f") else { return HTTPResponse(status: 404, text: "no") }
            inFlight.update { $0.now += 1; $0.most = max($0.most, $0.now) }
            defer { inFlight.update { $0.now -= 1 } }
            fetches.update {
                $0.append(Fetch(path: request.path, daemon: request.headers["user-agent"] ?? "", time: .now))
            }
            Thread.sleep(forTimeInterval: 0.2)
            let index = Int(request.path.dropFirst(2).dropLast(4)) ?? 0
            return HTTPResponse(text: Self.feed(index))
        }
        let deliveries = Locked<[String]>([])
        let hook = try LoopbackHTTPServer { request in
            if let alert = try? JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any], let id = alert["id"] as? String {
                deliveries.update { $0.append(id) }
            }
            return HTTPResponse(status: 204)
        }
        func config(_ daemon: Int) -> String {
            directory.write("daemon-\(daemon).toml", """
                database = "\(database)"
                alert_log = "\(directory.file("alerts-\(daemon).jsonl"))"
                [polling]
                interval = "1h"
                per_host = \(Self.perHost)
                lease = "5s"
                timeout = "4s"
                user_agent = "daemon-\(daemon)"
                [[sink]]
                name = "hook"
                type = "webhook"
                url = "\(hook.url("/hook"))"
                """)
        }
        let configs = (0..<3).map(config)
        let cli = { (arguments: [String]) throws -> Programs.Result in try Programs.run("feedwatch", arguments + ["--config", configs[0]]) }
        #expect(try cli(["track", "keyword", "ceasefire", "ceasefire"]).status == 0)
        let list = directory.write("feeds.txt", (0..<Self.feeds).map { server.url("/f\($0).xml") }.joined(separator: "\n") + "\n")
        let imported = try cli(["feed", "import", list])
        #expect(imported.status == 0, "\(imported.stderr)")

        // Daemon 1 dies in the middle of its work, with feeds in hand, once all three are at work
        // (each holds its share of the host's places): its leases run out after 5 s and the
        // others take them.
        var daemons = try [1, 0, 2].map { index in
            try Programs.start("feedwatchd", ["--config", configs[index]], output: directory.file("daemon-\(index).log"))
        }
        defer { for daemon in daemons where daemon.isRunning { daemon.terminate() } }
        try await waitUntil("all three at work") { Set(fetches.get().map(\.daemon)).count == 3 }
        kill(daemons[0].processIdentifier, SIGKILL)
        let killedAt = ContinuousClock.now
        // `status` lists the three, and knows the dead one's process is gone.
        let listed = try cli(["status", "--json"])
        let statuses = (try? JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["daemons"] as? [[String: Any]]
        #expect(statuses?.count == 3, "\(listed.stdout)")
        #expect(statuses?.filter { $0["running"] as? Bool == true }.count == 2)
        #expect(statuses?.first { $0["pid"] as? Int == Int(daemons[0].processIdentifier) }?["running"] as? Bool == false)
        // Every feed fetched and its fetch saved: those the dead daemon had in hand again by another.
        try await waitUntil("every feed polled and saved", timeout: .seconds(120)) {
            let list = try cli(["feed", "list", "--json"])
            let feeds = (try? JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]) ?? []
            return feeds.count == Self.feeds && feeds.allSatisfy { $0["status"] as? String == "ok" }
        }
        try await waitUntil("every alert delivered", timeout: .seconds(60)) { Set(deliveries.get()).count == Self.wireStories }
        // A little longer, for anything delivered or fetched twice to show.
        try await Task.sleep(for: .seconds(3))
        for daemon in daemons.dropFirst() { daemon.interrupt() }
        try await waitUntil("the daemons stopped") { daemons.allSatisfy { !$0.isRunning } }
        daemons.removeAll()

        // Every feed polled; twice only if the dead daemon had it in hand when it died.
        let byPath = Dictionary(grouping: fetches.get(), by: \.path)
        #expect(byPath.count == Self.feeds)
        for (path, requests) in byPath where requests.count > 1 {
            #expect(requests.count == 2, "\(path) fetched \(requests.count) times")
            #expect(requests[0].daemon == "daemon-1" && requests[0].time <= killedAt, "\(path) fetched twice: \(requests.map(\.daemon))")
            #expect(requests[1].daemon != "daemon-1")
        }
        #expect(fetches.get().filter { $0.time > killedAt }.allSatisfy { $0.daemon != "daemon-1" })
        #expect(Set(fetches.get().map(\.daemon)) == ["daemon-0", "daemon-1", "daemon-2"], "all three took a share")
        #expect(inFlight.get().most <= Self.perHost, "per_host holds over all daemons: \(inFlight.get().most) at once")

        // Every article stored once, every feed a source of its stories.
        let status = try cli(["status", "--json"])
        let counts = try #require(
            (try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])?["counts"] as? [String: Any],
            "\(status.stdout) \(status.stderr)")
        #expect(counts["articles"] as? Int == Self.feeds + Self.wireStories)
        #expect(counts["sources"] as? Int == 2 * Self.feeds)

        // Every alert raised once, in one daemon's log, delivered once.
        let alerts = try cli(["alerts", "--json"])
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(alerts.stdout.utf8)) as? [[String: Any]])
        let ids = stored.compactMap { $0["id"] as? String }
        #expect(ids.count == Self.wireStories)
        #expect(Set(ids).count == ids.count)
        var logged: [String] = []
        for index in 0..<3 {
            let text = (try? String(contentsOfFile: directory.file("alerts-\(index).jsonl"), encoding: .utf8)) ?? ""
            logged += text.split(separator: "\n").compactMap {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
            }
        }
        #expect(logged.sorted() == ids.sorted(), "each alert in exactly one alert log")
        #expect(deliveries.get().sorted() == ids.sorted(), "each alert delivered to the hook once")
    }
}
