import AlertHooks
import Configuration
import FeedModel
import FeedStorage
import Foundation
import Logging
import Pipeline
import ServiceLifecycle

/// Polls feeds as they fall due until a graceful shutdown (SIGTERM/SIGINT): every second it asks
/// the database which feeds are due, so feeds and trackers added with the CLI are picked up
/// without a restart. The write in progress finishes on shutdown; nothing new begins.
///
/// With `once`, it runs one cycle over the due feeds (or all of them), then one pass over the
/// hooks that are due, and returns.
struct PollingService: Service {
    enum Mode: Sendable, Equatable {
        case continuous
        case once(all: Bool)
    }

    let mode: Mode
    let store: any FeedDatabase
    let live: LivePipeline
    let hooks: OutboxWorker
    let markers: InFlightMarkers
    let logHealth: AlertLogHealth
    let notifier: SystemdNotifier
    let progress: Progress
    let logger: Logger
    let clock: @Sendable () -> Date
    /// Article texts older than this are dropped every hour (see `Retention`).
    var retention: Duration? = nil
    /// Feeds read from the database at once: a cycle reads its feeds a page at a time, as its
    /// fetches reach them, so memory does not grow with the number of feeds. (A test build takes
    /// another number from `FEEDWATCH_TEST_FEEDS_PER_PAGE`, so that tests page through a few
    /// feeds; release builds read no such variable.)
    static let feedsPerPage: Int = {
        #if DEBUG
        if let text = ProcessInfo.processInfo.environment["FEEDWATCH_TEST_FEEDS_PER_PAGE"], let count = Int(text), count > 0 {
            return count
        }
        #endif
        return 256
    }()

    /// The pages of a cycle whose first page is `first`; `read` reads the page after a feed
    /// (off the cooperative pool).
    static func pages(
        startingWith first: [FeedRecord], read: @escaping @Sendable (FeedRecord?) throws(StorageError) -> [FeedRecord],
        include: @escaping @Sendable (FeedRecord) -> Bool = { _ in true }
    ) -> FeedPages {
        FeedPages(first: first, include: include) { last in
            try await Blocking.run { () throws(StorageError) in try read(last) }
        }
    }

    func run() async throws {
        let stopping = StopFlag()
        try await withGracefulShutdownHandler {
            try await poll(shouldStop: { stopping.isSet || Task.isCancelled })
        } onGracefulShutdown: { [notifier] in
            notifier.stopping()
            stopping.set()
        }
    }

    private func poll(shouldStop stop: @escaping @Sendable () -> Bool) async throws {
        await live.current.delivery.deliverPending()
        let recovery = CrashRecovery(store: store, markers: markers, delivery: live.current.delivery, logger: logger, clock: clock)
        let suspects = await Blocking.run { recovery.recover() }
        if !suspects.isEmpty {
            let report = await live.current.cycle.run(suspects, oneAtATime: true, shouldStop: stop)
            logger.notice("the feeds read when feedwatchd stopped were read again one at a time without trouble: \(report.summary)")
        }
        switch mode {
        case .once(let all):
            let suspectIDs = Set(suspects.compactMap(\.id))
            let now = clock()
            let read: @Sendable (FeedRecord?) throws(StorageError) -> [FeedRecord] = { [store] (last: FeedRecord?) throws(StorageError) in
                if all { return try store.feeds(after: last?.id ?? 0, limit: Self.feedsPerPage) }
                return try store.dueFeeds(at: now, after: last, limit: Self.feedsPerPage)
            }
            // The first page is read here: a database that cannot be read fails the run.
            let first = try await Blocking.run { () throws(StorageError) in try read(nil) }
            let pages = Self.pages(startingWith: first, read: read) { !suspectIDs.contains($0.id ?? 0) && $0.pausedAt == nil }
            let report = await live.current.cycle.run(pages: pages, shouldStop: stop)
            logger.info("cycle: \(report.summary)")
            // Cron users get their hooks too: what is due is tried once; failures wait for the next run.
            let pass = await hooks.deliverDue(shouldStop: stop)
            if pass != OutboxPass() { logger.info("hooks: \(pass.delivered) delivered, \(pass.failed) failed (retried later)") }
            if logHealth.failure != nil { await live.current.delivery.deliverPending() }
            await applyRetention()
            let unlogged = await Blocking.run { [store] in (try? store.unloggedAlertCount()) ?? 0 }
            if unlogged > 0 { throw AlertLogBacklog(count: unlogged, reason: logHealth.failure) }
        case .continuous:
            try await pollContinuously(shouldStop: stop)
        }
    }

    private func pollContinuously(shouldStop stop: @escaping @Sendable () -> Bool) async throws {
        var status = DaemonStatus(pid: getpid(), startedAt: clock())
        try await save(status)
        logger.info("feedwatchd started (pid \(status.pid), database \(store.location))")
        let watching = await WatchSummary.text(store: store, now: clock())
        logger.info("\(watching)")
        notifier.ready(status: await StatusLine.text(store: store, last: nil))
        var lastLogRetry = ContinuousClock.now
        var lastRetention: ContinuousClock.Instant?
        // Since when the due feeds cannot be read, and when that was last logged.
        var unreadable: (since: ContinuousClock.Instant?, lastLogged: ContinuousClock.Instant?) = (nil, nil)
        while !stop() {
            var progressed = false
            let due: [FeedRecord]
            do {
                let now = clock()
                due = try await Blocking.run { [store] () throws(StorageError) in try store.dueFeeds(at: now, after: nil, limit: Self.feedsPerPage) }
                if let since = unreadable.since {
                    let outage = ContinuousClock.now - since
                    logger.notice("the database answers again, after \(DurationText.format(.seconds(outage.components.seconds)))")
                    unreadable = (nil, nil)
                }
            } catch {
                // A database that is unavailable (a PostgreSQL server restarting) is retried every
                // tick; the journal hears of it once, then once a minute while it lasts.
                let now = ContinuousClock.now
                if unreadable.lastLogged.map({ now - $0 >= .seconds(60) }) ?? true {
                    logger.error("cannot read due feeds: \(error)\(unreadable.since == nil ? "" : " (still)")")
                    unreadable.lastLogged = now
                }
                if unreadable.since == nil { unreadable.since = now }
                due = []
            }
            if !due.isEmpty {
                let now = clock()
                let pages = Self.pages(startingWith: due) { [store] (last: FeedRecord?) throws(StorageError) in
                    try store.dueFeeds(at: now, after: last, limit: Self.feedsPerPage)
                }
                let report = await live.current.cycle.run(pages: pages, shouldStop: stop, onFeedDone: progress.mark)
                progressed = report.feeds > report.deferred
                status.lastCycleAt = clock()
                status.lastCycleSeconds = report.seconds
                logger.info("cycle: \(report.summary)")
                notifier.status(await StatusLine.text(store: store, last: report))
            }
            // Alerts the log could not take (a full disk), here or in a `feedwatch` command,
            // are retried after every cycle that met a failure and every 30 s, until they are
            // written and reach the hooks.
            if logHealth.failure != nil && !due.isEmpty || ContinuousClock.now - lastLogRetry >= .seconds(30) {
                lastLogRetry = ContinuousClock.now
                await live.current.delivery.deliverPending(settledFor: .seconds(5))
            }
            if retention != nil, lastRetention.map({ ContinuousClock.now - $0 >= .seconds(3600) }) ?? true {
                lastRetention = ContinuousClock.now
                await applyRetention()
            }
            status.alertLogError = logHealth.failure
            status.heartbeatAt = clock()
            progress.mark()
            try? await save(status)
            // A cycle that fetched something asks again at once: with PostgreSQL a daemon takes a
            // batch of the due feeds at a time, and more may be waiting. One that fetched nothing
            // (nothing due, or only feeds of paused hosts) waits a second.
            if !stop() && !progressed { try? await Task.sleep(for: .seconds(1)) }
        }
        status.stoppedAt = clock()
        try? await save(status)
        logger.info("feedwatchd stopped polling")
    }

    /// Drops the texts of articles older than the retention and frees their pages.
    private func applyRetention() async {
        guard let retention else { return }
        let cutoff = clock().addingTimeInterval(-Double(retention.components.seconds))
        do {
            let (trimmed, released) = try await Blocking.run { [store] () throws(StorageError) -> (Int, Bool) in
                let trimmed = try store.dropBodies(firstSeenBefore: cutoff)
                return (trimmed, trimmed == 0 ? true : try store.releaseFreePages())
            }
            guard trimmed > 0 else { return }
            logger.info("retention: dropped the texts of \(Plural.count(trimmed, "article")) first seen over \(DurationText.format(retention)) ago")
            if !released { logger.notice("this database predates incremental vacuum: `feedwatch vacuum` gives the freed space back once") }
        } catch {
            logger.error("retention: \(error)")
        }
    }

    private func save(_ status: DaemonStatus) async throws(StorageError) {
        try await Blocking.run { [store] () throws(StorageError) in try store.saveDaemonStatus(status) }
    }
}

/// What the daemon says when it starts: how many feeds it watches and when the next one is due,
/// so a first start that then sits quiet for a while says why.
enum WatchSummary {
    static func text(store: any FeedDatabase, now: Date) async -> String {
        let all = await Blocking.run { (try? store.feeds()) ?? [] }
        let feeds = all.filter { $0.pausedAt == nil }
        let paused = all.count - feeds.count
        guard let next = feeds.map(\.nextFetchAt).min() else {
            if paused > 0 { return "watching no feed: \(Plural.count(paused, "feed is", "feeds are")) paused (`feedwatch feed resume ID`)" }
            return "watching no feed yet: add one with `feedwatch feed add URL` (polled within a second)"
        }
        let wait = next.timeIntervalSince(now)
        // Whole minutes past two minutes: "in 15m", not "in 14m57s".
        let seconds = Int(min(wait, 3.2e9).rounded(.up))
        let shown = seconds >= 120 ? (seconds + 30) / 60 * 60 : seconds
        let when = wait < 1 ? "now" : "in \(DurationText.format(.seconds(shown)))"
        let pausedNote = paused > 0 ? " (\(paused) paused)" : ""
        return "watching \(Plural.count(feeds.count, "feed"))\(pausedNote); the next is due \(when) (\(Timestamp.string(next)))"
    }
}

/// One line for `systemctl status`: feeds, failures and the last cycle.
enum StatusLine {
    static func text(store: any FeedDatabase, last report: CycleReport?) async -> String {
        let counts = await Blocking.run { try? store.counts() }
        var line = "\(Plural.count(counts?.feeds ?? 0, "feed")) (\(counts?.failingFeeds ?? 0) failing), \(Plural.count(counts?.articles ?? 0, "article"))"
        if let report {
            line += "; last cycle: \(report.updated) updated, \(report.failed) failed, \(report.newArticles) new, \(Plural.count(report.alerts, "alert"))"
        }
        return line
    }
}

/// `feedwatchd --once` ends with alerts still waiting for the alert log: a failure for cron.
struct AlertLogBacklog: Error, CustomStringConvertible {
    var count: Int
    var reason: String?

    var description: String {
        let noun = count == 1 ? "alert is" : "alerts are"
        return "\(count) \(noun) not in the alert log\(reason.map { " (\($0))" } ?? ""); "
            + "kept in the database and written by the next run"
    }
}
