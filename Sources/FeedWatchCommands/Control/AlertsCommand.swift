import ArgumentParser
import FeedModel
import FeedStorage
import Foundation

struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Show alerts, oldest first; --follow waits for new ones.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var tagged: TagOptions

    @Option(help: ArgumentHelp("Only alerts since a time: 2h, 3d, 2026-11-01 or an RFC 3339 time.", valueName: "when"))
    var since: String?

    @Option(help: ArgumentHelp("Only this tracker's alerts.", valueName: "name"))
    var tracker: String?

    @Option(help: "At most this many (the newest).")
    var limit: Int?

    @Flag(help: "Keep running and print new alerts as they are raised (with --json: one object per line).")
    var follow = false

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let sinceDate = try since.map { text throws(CommandFailure) in try TimeText.since(text) }
        let store = try openStoreForReading(global.settings())
        if let tracker, try storage({ try store.trackers() }).contains(where: { $0.name == tracker }) == false,
           try storage({ try store.alerts(tracker: tracker, limit: 1) }).isEmpty {
            throw CommandFailure.badInput("no tracker named '\(tracker)' (see `feedwatch tracker list`)")
        }
        let feedIDs = try tagged.feedIDs(in: store)
        var last = try storage { try store.lastAlertSequence() }
        let alerts = try storage { try store.alerts(since: sinceDate, tracker: tracker, feedIDs: feedIDs, limit: limit) }
        if follow {
            var shown = RecentIDs()
            for alert in alerts {
                shown.insert(alert.id)
                emit(alert)
            }
            while !Task.isCancelled {
                await Blocking.run { [store] in store.waitForAlerts(upTo: 0.5) }
                let (new, sequence) = try storage { try store.alerts(after: last) }
                last = sequence
                for alert in new where (tracker == nil || alert.tracker == tracker) && (feedIDs.map { ids in alert.feed.map { ids.contains($0.id) } ?? false } ?? true) {
                    if shown.insert(alert.id) { emit(alert) }
                }
            }
            return
        }
        if output.json {
            JSONOutput.print(alerts)
        } else if alerts.isEmpty {
            print("no alerts")
        } else {
            for alert in alerts { emit(alert) }
        }
    }

    private func emit(_ alert: Alert) {
        if output.json {
            print(AlertJSON.line(alert))
        } else {
            print(AlertText.render(alert))
        }
        fflush(nil)
    }
}

/// An alert in a terminal: one header line, then the evidence.
enum AlertText {
    static func render(_ alert: Alert) -> String {
        var header = "\(alert.time)  \(alert.kind.rawValue)"
        if let tracker = alert.tracker { header += "  [\(tracker)]" }
        if let feed = alert.feed { header += "  \(feed.title ?? feed.url)" }
        var lines = [header]
        if let article = alert.article {
            lines.append("    \(article.title ?? "(untitled)")" + (article.url.map { " <\($0)>" } ?? ""))
        }
        if let matched = alert.matched, !matched.isEmpty { lines.append("    matched: " + matched.joined(separator: ", ")) }
        if let current = alert.current {
            var figure = "    " + (alert.previous.map { FigureText.value($0.value, unit: $0.unit) + " → " } ?? "first value: ")
            figure += FigureText.value(current.value, unit: current.unit)
            if let change = alert.change {
                figure += " (" + (change.delta > 0 ? "+" : "") + FigureText.number(change.delta)
                if let ratio = change.ratio { figure += ", " + (ratio > 0 ? "+" : "") + FigureText.number(ratio * 100) + "%" }
                figure += ")"
            }
            if alert.revisionOf != nil { figure += " in a revised article" }
            lines.append(figure)
        }
        if let excerpt = alert.excerpt { lines.append("    “\(excerpt)”") }
        if let message = alert.message { lines.append("    \(message)") }
        return lines.joined(separator: "\n")
    }
}

/// The ids `--follow` has shown lately, so that an alert read twice (see `FeedDatabase.alerts(after:)`)
/// prints once. Bounded: the oldest half is forgotten past `limit`.
struct RecentIDs {
    private var order: [String] = []
    private var members: Set<String> = []
    let limit = 20_000

    /// False if `id` was shown already.
    @discardableResult
    mutating func insert(_ id: String) -> Bool {
        guard members.insert(id).inserted else { return false }
        order.append(id)
        if order.count > limit {
            for old in order.prefix(limit / 2) { members.remove(old) }
            order.removeFirst(limit / 2)
        }
        return true
    }
}
