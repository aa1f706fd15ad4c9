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
        let daemons = try storage { try store.daemonStatuses() }
        let daemon = daemons.first
        let failing = try storage { try store.feeds() }.filter { $0.lastError != nil }
        let hooks = HookView.all(configured: settings.sinks, outbox: try storage { try store.outboxSummary() })
        let now = Date()
        let pauses = try storage { try store.hostPauseList(after: now) }
        let running = daemons.contains { isRunning($0, now: now) }
        let view = StatusView(
            daemon: DaemonView(
                running: running, pid: daemon?.pid, startedAt: daemon?.startedAt, heartbeatAt: daemon?.heartbeatAt,
                lastCycleAt: daemon?.lastCycleAt, lastCycleSeconds: daemon?.lastCycleSeconds, host: daemon?.host),
            daemons: daemons.map {
                DaemonView(
                    running: isRunning($0, now: now), pid: $0.pid, startedAt: $0.startedAt, heartbeatAt: $0.heartbeatAt,
                    lastCycleAt: $0.lastCycleAt, lastCycleSeconds: $0.lastCycleSeconds, host: $0.host)
            },
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
        if daemons.contains(where: { $0.host != nil }) {
            // Several daemons share a PostgreSQL database: each on a line.
            print("daemons: \(view.daemons.filter(\.running).count) running")
            for status in view.daemons {
                let state = status.running ? "running" : "not running"
                let cycle = status.lastCycleAt.map { TimeText.ago($0) } ?? "not yet"
                print("  \(TerminalText.escaped(status.host ?? "-")) pid \(status.pid ?? 0): \(state), last heartbeat \(TimeText.ago(status.heartbeatAt ?? now)), last cycle \(cycle)")
            }
        } else if running, let daemon {
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

    /// A fresh heartbeat, and for a daemon on this machine a live process: a daemon on another
    /// machine (PostgreSQL) is judged by its heartbeat alone.
    private func isRunning(_ status: DaemonStatus, now: Date) -> Bool {
        guard status.stoppedAt == nil, now.timeIntervalSince(status.heartbeatAt) < 30 else { return false }
        guard let host = status.host, host != ProcessInfo.processInfo.hostName else { return processExists(status.pid) }
        return true
    }

    private func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}

struct StatusView: Encodable {
    /// The daemon with the latest heartbeat (`running`: any daemon is).
    var daemon: DaemonView
    /// Every daemon seen in the last day: one with SQLite, each machine's with PostgreSQL.
    var daemons: [DaemonView]
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
    /// The machine, with PostgreSQL; absent with SQLite.
    var host: String?
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
