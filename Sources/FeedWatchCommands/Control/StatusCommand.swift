import ArgumentParser
import Configuration
import FeedStorage
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Is the daemon alive? Its last cycle, counts, failing feeds, alerts waiting for hooks.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let settings = try global.settings()
        let store = try global.openStore()
        let counts = try storage { try store.counts() }
        let daemon = try storage { try store.daemonStatus() }
        let failing = try storage { try store.feeds() }.filter { $0.lastError != nil }
        let hooks = HookView.all(configured: settings.sinks, outbox: try storage { try store.outboxSummary() })
        let now = Date()
        let running = daemon.map { $0.stoppedAt == nil && now.timeIntervalSince($0.heartbeatAt) < 30 && processExists($0.pid) } ?? false
        let view = StatusView(
            daemon: DaemonView(
                running: running, pid: daemon?.pid, startedAt: daemon?.startedAt, heartbeatAt: daemon?.heartbeatAt,
                lastCycleAt: daemon?.lastCycleAt, lastCycleSeconds: daemon?.lastCycleSeconds),
            database: settings.databasePath, alertLog: settings.alertLogPath, counts: counts,
            failingFeeds: failing.map { FailingFeed(id: $0.id ?? 0, url: $0.url, error: $0.lastError ?? "", consecutiveFailures: $0.consecutiveFailures) },
            hooks: hooks)
        if output.json {
            JSONOutput.print(view)
            if !running { throw ExitCode(1) }
            return
        }
        if running, let daemon {
            print("daemon: running (pid \(daemon.pid), up since \(TimeText.relative(daemon.startedAt)), last cycle \(TimeText.relative(daemon.lastCycleAt)))")
        } else if let daemon {
            print("daemon: not running (last heartbeat \(TimeText.relative(daemon.heartbeatAt)))")
        } else {
            print("daemon: never started with this database")
        }
        print("database: \(settings.databasePath)")
        print("alert log: \(settings.alertLogPath)")
        print("feeds: \(counts.feeds) (\(counts.failingFeeds) failing)  articles: \(counts.articles)  trackers: \(counts.trackers)  alerts: \(counts.alerts) (\(counts.alertsToday) today)")
        for feed in view.failingFeeds {
            print("  failing: feed \(feed.id) \(feed.url): \(feed.error) (\(feed.consecutiveFailures)×)")
        }
        if !hooks.isEmpty {
            print("hooks:")
            for hook in hooks { print("  \(hook.line)") }
        }
        if !running { throw ExitCode(1) }
    }

    private func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

struct StatusView: Encodable {
    var daemon: DaemonView
    var database: String
    var alertLog: String
    var counts: StoreCounts
    var failingFeeds: [FailingFeed]
    /// Alert hooks (`[[sink]]`) and their outbox.
    var hooks: [HookView]
}

struct DaemonView: Encodable {
    var running: Bool
    var pid: Int32?
    var startedAt: Date?
    var heartbeatAt: Date?
    var lastCycleAt: Date?
    var lastCycleSeconds: Double?
}

struct FailingFeed: Encodable {
    var id: Int64
    var url: String
    var error: String
    var consecutiveFailures: Int
}
