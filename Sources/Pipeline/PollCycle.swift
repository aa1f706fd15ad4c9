import ArticleText
import FeedFetching
import FeedModel
import FeedParsing
import FeedStorage
import Foundation
import Logging
import Tracking

/// One pass over a set of feeds, as a pipeline of stages:
///
/// 1. **fetch** — up to `window` transfers at once through libcurl's multi handle;
/// 2. **plan** — parse the body, read which items the store may lack, run every tracker over
///    those, work out the feed's next fetch state (on every core, `cores` feeds at once);
/// 3. **write** — one short transaction for a run of planned feeds: inserts and ledger updates;
/// 4. **deliver** — the written alerts to the alert log, the journal and the outbox, in write
///    order, beside the next write.
///
/// Feeds are written in the order they were given, whatever order their fetches and plans
/// finish in, so the same answers always give the same articles and alerts. (One exception
/// keeps a dead host from holding everything up: a feed still being fetched `stallGrace` after
/// the rest of the window is ready is written after the others.) Memory is bounded by the
/// window, not by the number of feeds: at most `window` transfers, `maxHeldBytes` of fetched
/// bodies (or one body, if larger), the write in progress (`batchItems`) and the plans waiting
/// for the next (`planAheadItems` items) are held at once, besides the next fetch states of
/// feeds with nothing new (a 304), which wait for the writer without holding up fetches and are
/// written many to a transaction, and the records of a page or two of feeds (`FeedPages`).
public final class PollCycle: Sendable {
    let store: any FeedDatabase
    let fetcher: FeedFetcher
    let delivery: AlertDelivery
    let schedule: FeedSchedule
    let logger: Logger
    let clock: @Sendable () -> Date
    let window: Int
    let metrics: PollMetrics
    let markers: InFlightMarkers?
    let planner: FeedPlanner
    let writer: FeedWriter
    /// Feeds planned at once: one per core.
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// Bytes of bodies fetched and not yet written, at most, before another fetch starts.
    let maxHeldBytes = 4 << 20
    /// Alerts written and waiting for delivery, at most, before another write starts.
    let maxUndelivered = 1_024
    /// Items stored in one transaction at most. Each commit rewrites the pages its inserts touch
    /// in the hash-keyed indexes; fewer, larger commits write fewer of them per item.
    let batchItems = 1_000
    /// Feeds whose write is only their fetch state (a 304) gathered into one transaction.
    let gatheringFeeds = 64
    /// Items planned and waiting for the write stage at most (the head feed is planned whatever
    /// they are). Plans hold their items' text and findings, so peak memory grows with this
    /// bound (README, "Performance").
    let planAheadItems = 500
    /// How long a slow fetch at the head may hold back a window that is otherwise ready.
    let stallGrace: Duration

    public init(
        store: any FeedDatabase, fetcher: FeedFetcher, delivery: AlertDelivery, schedule: FeedSchedule,
        failureThreshold: Int, logger: Logger, window: Int = 64, metrics: PollMetrics = PollMetrics(),
        markers: InFlightMarkers? = nil, stallGrace: Duration = .seconds(5), clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.metrics = metrics
        self.markers = markers
        self.store = store
        self.fetcher = fetcher
        self.delivery = delivery
        self.schedule = schedule
        self.logger = logger
        self.window = max(1, window)
        self.stallGrace = stallGrace
        self.clock = clock
        planner = FeedPlanner(store: store, schedule: schedule, failureThreshold: failureThreshold, logger: logger, markers: markers)
        writer = FeedWriter(store: store, schedule: schedule, logger: logger)
    }

    /// Polls `feeds`. `shouldStop` is checked before each stage starts work: on shutdown the
    /// write in progress completes and nothing new begins. `onFeedDone` runs after each feed is
    /// stored (the daemon's watchdog counts it as progress). `oneAtATime` fetches and reads one
    /// feed at a time: after a crash with several bodies in flight, it tells which of them is at
    /// fault (it is then the only one in flight).
    public func run(
        _ feeds: [FeedRecord], oneAtATime: Bool = false, shouldStop: @escaping @Sendable () -> Bool = { false },
        onFeedDone: @escaping @Sendable () -> Void = {}
    ) async -> CycleReport {
        await run(pages: .given(feeds), oneAtATime: oneAtATime, shouldStop: shouldStop, onFeedDone: onFeedDone)
    }

    /// Polls the feeds of `pages`, reading each page as the fetches near the end of the one
    /// before: one pipeline, however many pages. A page that cannot be read ends the cycle
    /// with the feeds read so far (logged; the next cycle reads them again).
    public func run(
        pages: FeedPages, oneAtATime: Bool = false, shouldStop: @escaping @Sendable () -> Bool = { false },
        onFeedDone: @escaping @Sendable () -> Void = {}
    ) async -> CycleReport {
        let started = ContinuousClock.now
        let evaluator = await loadEvaluator()
        let pauses = await loadPauses()
        var state = CycleState(count: 0, window: oneAtATime ? 1 : window, maxHeldBytes: maxHeldBytes)
        state.moreToCome = true
        // The records of the feeds appended and not yet written, by index.
        var feeds: [Int: FeedRecord] = [:]
        // The last feed of the last page read: the next page follows it.
        var lastRead: FeedRecord?
        var readingPage = false
        var report = CycleReport()
        // Alerts written and not yet delivered; one delivery runs at a time, in write order,
        // beside the next write.
        var undelivered: [EncodedAlert] = []
        var delivering = false
        await withTaskGroup(of: StageEvent.self) { group in
            func deliver() {
                guard !delivering, !undelivered.isEmpty else { return }
                delivering = true
                let alerts = undelivered
                undelivered = []
                group.addTask {
                    // Shielded from cancellation: alerts that are stored reach the log now.
                    await Task { await self.delivery.deliver(alerts) }.value
                    return .delivered
                }
            }
            func schedule() {
                guard !shouldStop() else { return }
                // The next page is read once fewer than a window's worth of feeds are left to start.
                if state.moreToCome, !readingPage, state.notStarted <= window {
                    readingPage = true
                    let after = lastRead
                    group.addTask {
                        do { return .page(.success(try await pages.next(after))) } catch { return .page(.failure(error)) }
                    }
                }
                while let index = state.nextFetch() {
                    // Every feed appended keeps its record until it is taken into a write.
                    guard let feed = feeds[index] else { preconditionFailure("feed \(index) started without its record") }
                    group.addTask { .fetched(index, await self.fetch(feed, pauses: pauses)) }
                }
                while state.planning < (oneAtATime ? 1 : cores), let (index, stage) = state.nextPlan(maxItems: planAheadItems) {
                    guard let feed = feeds[index] else { preconditionFailure("feed \(index) planned without its record") }
                    if case .done(let outcome) = stage {
                        // Nothing to parse: settled here, without a task (and a thread switch) of its own.
                        state.planned(index, planner.plan(feed, settling: outcome, now: clock()))
                        continue
                    }
                    group.addTask { .planned(index, await self.planner.plan(feed, stage: stage, evaluator: evaluator, now: self.clock())) }
                }
                // Writes wait while the alerts waiting for delivery are many: memory stays bounded.
                if undelivered.count < maxUndelivered, let batch = state.nextBatch(maxItems: batchItems, gatheringFeeds: oneAtATime ? 1 : gatheringFeeds) {
                    // The plans hold what the write needs; the cycle lets go of the records.
                    for index in state.takeReleased() { feeds[index] = nil }
                    group.addTask {
                        // Shielded from cancellation: a write that began is finished.
                        let written = await Task { await self.write(batch, evaluator: evaluator, onFeedDone: onFeedDone) }.value
                        return .written(written)
                    }
                }
                if !oneAtATime, state.headIsStalled, !state.stallCheckPending {
                    state.stallCheckPending = true
                    let grace = stallGrace
                    group.addTask {
                        try? await Task.sleep(for: grace)
                        return .stallCheck
                    }
                }
            }
            schedule()
            while let event = await group.next() {
                switch event {
                case .page(let result):
                    readingPage = false
                    switch result {
                    case .success(let page):
                        lastRead = page.last ?? lastRead
                        if page.isEmpty { state.moreToCome = false }
                        for feed in page where pages.include(feed) {
                            feeds[state.count] = feed
                            state.append(1)
                        }
                    case .failure(let error):
                        logger.error("cannot read the next feeds to poll: \(error); the cycle ends with those read")
                        state.moreToCome = false
                    }
                case .fetched(let index, let stage):
                    if case .done(.deferred) = stage {} else { metrics.countFetch(status: stage.statusLabel) }
                    state.fetched(index, stage)
                case .planned(let index, let plan):
                    state.planned(index, plan)
                case .written(let written):
                    state.writing = false
                    for feed in written {
                        report.add(feed.report)
                        undelivered += feed.alerts
                    }
                    deliver()
                case .delivered:
                    delivering = false
                    deliver()
                case .stallCheck:
                    state.stallCheckPending = false
                    if let moved = state.deferStalledHead(), let feed = feeds[moved] {
                        logger.info("feed \(feed.id ?? 0) \(feed.url): still fetching; written after the feeds behind it")
                    }
                }
                if shouldStop() {
                    guard !state.writing, !delivering else { continue }
                    group.cancelAll()
                    continue
                }
                if state.isDone, !delivering {
                    group.cancelAll()
                    continue
                }
                schedule()
            }
        }
        // Bodies that were read but not stored on a graceful stop are no feed's fault.
        for index in state.unwrittenReads { if let id = feeds[index]?.id { markers?.end(feedID: id) } }
        report.seconds = (ContinuousClock.now - started).seconds
        metrics.countCycle(report)
        return report
    }

    /// Adds a feed with one request, stored as its first poll (its items, their alerts, its
    /// validators), so the next cycle does not fetch it again. Nothing is added when the URL
    /// does not answer with a feed.
    public func subscribe(_ feed: FeedRecord) async throws(SubscriptionError) -> Subscription {
        let stage = await fetch(feed, pauses: HostPauses([:]))
        let response: FetchResponse
        switch stage {
        case .fetched(let fetched, _): response = fetched
        case .done(.failed(let failure)):
            throw failure.isNotAFeed ? .notAFeed(failure.message) : .unreachable(failure.message)
        case .done: throw .unreachable("no content in the answer")
        }
        let parsed: ParsedFeed
        do {
            parsed = try planner.parser.parse(response.body, url: response.effectiveURL, contentType: response.contentType)
        } catch {
            // A news site's home page: the feeds it announces are what the user meant.
            let feeds = FeedDiscovery.feeds(in: response.body, pageURL: response.effectiveURL)
            if !feeds.isEmpty { throw .discovered(page: response.effectiveURL, feeds: feeds) }
            throw .notAFeed(error.description)
        }
        var feed = feed
        if feed.htmlUrl == nil { feed.htmlUrl = parsed.link }
        let stored: FeedRecord
        do {
            stored = try await Blocking.run { [store, feed] () throws(StorageError) in try store.addFeed(feed) }
        } catch {
            throw .storage(error)
        }
        let evaluator = await loadEvaluator()
        let plan = await planner.plan(stored, stage: stage, evaluator: evaluator, now: clock())
        let written = await write([plan], evaluator: evaluator, onFeedDone: {})
        await delivery.deliver(written.flatMap(\.alerts))
        let report = written.reduce(into: CycleReport()) { $0.add($1.report) }
        let saved = await Blocking.run { [store] in (try? store.feed(id: stored.id ?? 0)).flatMap { $0 } } ?? stored
        // Its answer could not be stored: the feed is not added, and the user hears why.
        if report.failed > 0, let id = stored.id {
            try? await Blocking.run { [store] () throws(StorageError) in try store.removeFeed(id: id) }
            throw .notStored(saved.lastError ?? "its items could not be stored")
        }
        return Subscription(feed: saved, items: parsed.items.count, newArticles: report.newArticles, alerts: report.alerts)
    }

    /// What `feed list` says of a feed whose body is quarantined.
    static func quarantineMessage(since: Date?, feedID: Int64?) -> String {
        let when = since.map { " on \(Timestamp.string($0))" } ?? ""
        return "quarantined: FeedWatch stopped while reading this feed's content\(when); skipped until it changes "
            + "(`feedwatch feed resume \(feedID ?? 0)` reads it again)"
    }

    // MARK: - Stages

    private func loadEvaluator() async -> TrackerEvaluator {
        do {
            let trackers = try await Blocking.run { [store] () throws(StorageError) in try store.trackers() }
            return TrackerEvaluator(trackers: trackers)
        } catch {
            logger.error("cannot load trackers: \(error)")
            return TrackerEvaluator(trackers: [])
        }
    }

    /// Host pauses in force. A pause stored before the cap was lowered (or by an older version)
    /// is cut to it too, in the database, so that it ends.
    private func loadPauses() async -> HostPauses {
        let now = clock()
        let latest = schedule.bounded(.distantFuture, from: now)
        let stored = await Blocking.run { [store] in
            let stored = (try? store.hostPauses(after: now)) ?? [:]
            if stored.values.contains(where: { $0 > latest }) { try? store.capHostPauses(at: latest) }
            return stored
        }
        return HostPauses(stored.mapValues { min($0, latest) })
    }

    private func fetch(_ feed: FeedRecord, pauses: HostPauses) async -> FetchStage {
        if let until = pauses.until(forURL: feed.url, now: clock()) { return .done(.deferred(until: until)) }
        let response: FetchResponse
        do {
            var request = FetchRequest(url: feed.url, etag: feed.etag, lastModified: feed.lastModified)
            request.headers = try await FeedRequestHeaders.headers(of: feed)
            request.proxy = feed.proxy
            response = try await fetcher.fetch(request)
        } catch {
            return .done(.failed(FeedFailure(message: "\(error)")))
        }
        if response.isNotModified { return .done(.notModified(response)) }
        guard response.isSuccess else {
            // After a redirect, the error is where the request ended, not the URL the user gave.
            let redirected = response.effectiveURL != feed.url ? " at \(response.effectiveURL) (redirected from \(feed.url))" : ""
            let failure = FeedFailure(
                message: "HTTP \(response.status) \(HTTPStatusText.reason(response.status))\(redirected)",
                status: response.status, retryAfter: response.retryAfter(now: clock()))
            // Later fetches of this cycle already leave the host alone.
            if let requested = failure.retryAfter, failure.status == 429 || failure.status == 503,
               let host = FeedAddress.host(of: feed.url) {
                pauses.pause(host, until: schedule.bounded(requested, from: clock()))
            }
            return .done(.failed(failure))
        }
        let bodyHash = SHA256Digest.hex(of: response.body)
        if bodyHash == feed.bodyHash { return .done(.unchanged(response)) }
        return .fetched(response, bodyHash: bodyHash)
    }

    /// Writes a batch and clears the markers of the bodies it stored; its alerts are delivered next.
    private func write(
        _ plans: [FeedPlan], evaluator: TrackerEvaluator, onFeedDone: @Sendable () -> Void
    ) async -> [FeedWriter.Written] {
        let written = await writer.write(plans, evaluator: evaluator)
        for feed in written {
            if feed.plan.readBody, let id = feed.plan.feed.id { markers?.end(feedID: id) }
            if feed.liftedQuarantine {
                logger.notice("feed \(feed.plan.feed.id ?? 0) \(feed.plan.feed.url): a new body was read without trouble; quarantine lifted")
            }
            onFeedDone()
        }
        return written
    }
}

/// What a stage task reports back to the cycle.
enum StageEvent: Sendable {
    /// The next page of the cycle's feeds (an empty one: there are no more).
    case page(Result<[FeedRecord], any Error>)
    case fetched(Int, FetchStage)
    case planned(Int, FeedPlan)
    case written([FeedWriter.Written])
    /// A batch of alerts reached the log, the journal and the outbox.
    case delivered
    /// Time to look whether the fetch at the head still holds everything back.
    case stallCheck
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// A fetch before parsing: either settled, or a new body to parse.
enum FetchStage: Sendable {
    case done(FetchOutcome)
    case fetched(FetchResponse, bodyHash: String)

    var statusLabel: String {
        switch self {
        case .done(let outcome): outcome.statusLabel
        case .fetched(let response, _): String(response.status)
        }
    }
}
