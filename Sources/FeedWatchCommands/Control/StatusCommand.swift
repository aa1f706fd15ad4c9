import ArgumentParser
import Configuration
import FeedModel
import FeedStorage
import Foundation

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Is the daemon alive? Its last cycle, counts, failing feeds, alerts waiting for hooks.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let settings = try global.settings()
        let store = try openStoreForReading(settings)
        let counts = try storage { try store.counts() }
        let daemon = try storage { try store.daemonStatus() }
        let failing = try storage { try store.feeds() }.filter { $0.lastError != nil }
        let hooks = HookView.all(configured: settings.sinks, outbox: try storage { try store.outboxSummary() })
        let now = Date()
        let pauses = try storage { try store.hostPauseList(after: now) }
        let running = daemon.map { $0.stoppedAt == nil && now.timeIntervalSince($0.heartbeatAt) < 30 && processExists($0.pid) } ?? false
        let view = StatusView(
            daemon: DaemonView(
                running: running, pid: daemon?.pid, startedAt: daemon?.startedAt, heartbeatAt: daemon?.heartbeatAt,
                lastCycleAt: daemon?.lastCycleAt, lastCycleSeconds: daemon?.lastCycleSeconds),
            database: settings.databaseShown, alertLog: settings.alertLogPath, counts: counts,
            failingFeeds: failing.map {
                FailingFeed(
                    id: $0.id ?? 0, url: $0.url, error: $0.lastError ?? "", consecutiveFailures: $0.consecutiveFailures,
                    quarantined: $0.quarantinedBodyHash != nil)
            },
            pausedHosts: pauses,
            unloggedAlerts: UnloggedAlerts(count: counts.alertsUnlogged, reason: daemon?.alertLogError),
            hooks: hooks)
        if output.json {
            JSONOutput.print(view)
            if !running { throw ExitCode(1) }
            return
        }
        if running, let daemon {
            print("daemon: running (pid \(daemon.pid), started \(TimeText.ago(daemon.startedAt)), last cycle \(daemon.lastCycleAt.map { TimeText.ago($0) } ?? "not yet"))")
        } else if let daemon {
            print("daemon: not running (last heartbeat \(TimeText.ago(daemon.heartbeatAt)))")
        } else {
            print("daemon: never started with this database")
        }
        print("database: \(settings.databaseShown)" + (store.exists ? "" : " (none yet: `feedwatch feed add URL` creates it)"))
        print("alert log: \(settings.alertLogPath)")
        print("feeds: \(counts.feeds) (\(counts.failingFeeds) failing)  articles: \(counts.articles)  trackers: \(counts.trackers)  alerts: \(counts.alerts) (\(counts.alertsToday) today)")
        if counts.alertsUnlogged > 0 {
            let reason = daemon?.alertLogError.map { ": \(TerminalText.quoted($0, limit: 200))" } ?? ""
            print("alert log: \(counts.alertsUnlogged) alert\(counts.alertsUnlogged == 1 ? "" : "s") waiting to be written\(reason) (retried every cycle)")
        }
        for feed in view.failingFeeds {
            let state = feed.quarantined ? "quarantined" : "failing"
            let url = TerminalText.quoted(feed.url), error = TerminalText.quoted(feed.error, limit: 300)
            print("  \(state): feed \(feed.id) \(url): \(error) (\(feed.consecutiveFailures)×)")
        }
        for pause in pauses {
            print("  paused: \(pause.host) until \(Timestamp.string(pause.until)) (\(TerminalText.quoted(pause.reason))); lift with `feedwatch feed resume \(pause.host)`")
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
    /// Hosts that asked (429/503 with Retry-After) to be left alone, and until when.
    var pausedHosts: [HostPause]
    /// Alerts raised but not yet in the alert log (a full disk, say), and the last write error.
    var unloggedAlerts: UnloggedAlerts
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
    /// Its last body is skipped until it changes (FeedWatch stopped while reading it).
    var quarantined: Bool
}

struct UnloggedAlerts: Encodable {
    var count: Int
    var reason: String?
}
