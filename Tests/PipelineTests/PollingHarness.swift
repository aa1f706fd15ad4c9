import AlertHooks
import Alerting
import Configuration
import Daemon
import FeedFetching
import FeedModel
import FeedStorage
import Foundation
import Logging
import Pipeline
import TestSupport

/// A poll cycle over a real SQLite file, a real alert log and libcurl, with a clock the test moves.
struct PollingHarness {
    let directory = TemporaryDirectory()
    let store: any FeedDatabase
    let clock: Locked<Date>
    let cycle: PollCycle
    let delivery: AlertDelivery

    /// - Parameter sinks: the hooks alerts are queued for.
    init(failureThreshold: Int = 3, sinks: [SinkSettings] = [], start: Date = Date(timeIntervalSince1970: 1_795_000_000)) throws {
        store = try SQLiteStore(path: directory.file("feedwatch.sqlite"))
        let clock = Locked(start)
        self.clock = clock
        var settings = Settings(databasePath: directory.file("feedwatch.sqlite"), alertLogPath: directory.file("alerts.jsonl"))
        settings.polling.failureAlertThreshold = failureThreshold
        settings.sinks = sinks
        let app = try FeedWatchApp(
            settings: settings, role: .command, logger: Logger(label: "test"), store: store, jitter: 0, clock: { clock.get() })
        cycle = app.cycle
        delivery = app.delivery
    }

    var now: Date { clock.get() }

    func advance(_ seconds: TimeInterval) { clock.update { $0 = $0.addingTimeInterval(seconds) } }

    @discardableResult
    func add(_ url: String) throws -> FeedRecord {
        try store.addFeed(FeedRecord(url: url, addedAt: now))
    }

    func feed(_ id: Int64?) throws -> FeedRecord { try store.feed(id: id ?? 0)! }

    /// One cycle over every feed, due or not.
    @discardableResult
    func pollAll() async throws -> CycleReport {
        await cycle.run(try store.feeds())
    }

    /// One cycle over the feeds due now.
    @discardableResult
    func pollDue() async throws -> CycleReport {
        await cycle.run(try store.dueFeeds(at: now))
    }

    func alertLines() -> [Alert] {
        guard let text = try? String(contentsOfFile: directory.file("alerts.jsonl"), encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? AlertJSON.alert(from: String($0)) }
    }
}

func rss(_ items: [String]) -> String {
    SampleFeeds.rss(items: items.map {
        SampleFeeds.Item(guid: $0, title: "Story \($0)", link: "https://wire.example/\($0)", html: "<p>Body of \($0).</p>")
    })
}
