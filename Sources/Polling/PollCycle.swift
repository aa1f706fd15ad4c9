import ArticleText
import FeedFetching
import FeedModel
import FeedParsing
import FeedStorage
import Foundation
import Logging
import Tracking

/// One pass over a set of feeds: fetch them concurrently, parse what changed, store new
/// articles, run the trackers on them and deliver the alerts.
///
/// Fetching and parsing run in child tasks; storing runs one feed at a time as results arrive,
/// so at most `window` response bodies are held at once.
public final class PollCycle: Sendable {
    let store: FeedStore
    let fetcher: FeedFetcher
    let parser = FeedParser()
    let delivery: AlertDelivery
    let schedule: FeedSchedule
    let failureThreshold: Int
    let logger: Logger
    let clock: @Sendable () -> Date
    let window: Int
    let metrics: PollMetrics
    /// Parsed results in memory at once (being parsed or waiting to be stored).
    let backlog = 4
    /// Where the daemon notes the bodies it is reading (nil for the CLI, whose crash stops no one).
    let markers: InFlightMarkers?

    public init(
        store: FeedStore, fetcher: FeedFetcher, delivery: AlertDelivery, schedule: FeedSchedule,
        failureThreshold: Int, logger: Logger, window: Int = 64, metrics: PollMetrics = PollMetrics(),
        markers: InFlightMarkers? = nil, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.metrics = metrics
        self.markers = markers
        self.store = store
        self.fetcher = fetcher
        self.delivery = delivery
        self.schedule = schedule
        self.failureThreshold = failureThreshold
        self.logger = logger
        self.window = window
        self.clock = clock
    }

    /// Polls `feeds`. `shouldStop` is checked before each feed starts and before each result is
    /// stored: on shutdown the write in progress completes and nothing new begins.
    /// `onFeedDone` runs after each feed is stored (the daemon's watchdog counts it as progress).
    /// `oneAtATime` fetches and reads one feed at a time: after a crash with several bodies in
    /// flight, it tells which of them is at fault (it is then the only one in flight).
    public func run(
        _ feeds: [FeedRecord], oneAtATime: Bool = false, shouldStop: @escaping @Sendable () -> Bool = { false },
        onFeedDone: @Sendable () -> Void = {}
    ) async -> CycleReport {
        let window = oneAtATime ? 1 : self.window
        let started = ContinuousClock.now
        var report = CycleReport()
        let evaluator: TrackerEvaluator
        do {
            evaluator = TrackerEvaluator(trackers: try store.trackers())
        } catch {
            logger.error("cannot load trackers: \(error)")
            evaluator = TrackerEvaluator(trackers: [])
        }
        // A pause stored before the cap was lowered (or by an older version) is cut to it too,
        // in the database, so that it ends.
        let now = clock()
        let latest = schedule.bounded(.distantFuture, from: now)
        let stored = (try? store.hostPauses(after: now)) ?? [:]
        if stored.values.contains(where: { $0 > latest }) { try? store.capHostPauses(at: latest) }
        let pauses = HostPauses(stored.mapValues { min($0, latest) })
        // Up to `window` feeds are fetched at once, but only `backlog` of them are parsed or wait,
        // parsed, for storage: a parse permit is taken after the fetch and given back once the
        // result is stored, so a slow disk holds raw bodies back instead of piling up parsed items.
        let parsing = AsyncSemaphore(permits: backlog)
        let states = StateBatch()
        await withTaskGroup(of: (FeedRecord, FetchOutcome).self) { group in
            var pending = feeds.makeIterator()
            var running = 0
            while running < window, !shouldStop(), let feed = pending.next() {
                group.addTask { (feed, await self.fetchAndParse(feed, pauses: pauses, parsing: parsing)) }
                running += 1
            }
            while let (feed, outcome) = await group.next() {
                running -= 1
                defer { parsing.release() }
                if shouldStop() {
                    group.cancelAll()
                    continue
                }
                apply(outcome, to: feed, evaluator: evaluator, pauses: pauses, states: states, report: &report)
                if outcome.readBody, let id = feed.id { markers?.end(feedID: id) }
                if states.count >= 256 { flush(states) }
                onFeedDone()
                if !shouldStop(), let next = pending.next() {
                    group.addTask { (next, await self.fetchAndParse(next, pauses: pauses, parsing: parsing)) }
                    running += 1
                }
            }
        }
        flush(states)
        report.seconds = (ContinuousClock.now - started).seconds
        metrics.countCycle(report)
        return report
    }

    /// Adds a feed with one request, stored as its first poll (its items, their alerts, its
    /// validators), so the next cycle does not fetch it again. Nothing is added when the URL
    /// does not answer with a feed.
    public func subscribe(_ feed: FeedRecord) async throws(SubscriptionError) -> Subscription {
        let outcome = await fetchAndParse(feed, pauses: HostPauses([:]), parsing: AsyncSemaphore(permits: 1))
        let parsed: ParsedFeed
        switch outcome {
        case .parsed(_, let feed, _): parsed = feed
        case .failed(let failure):
            throw failure.isNotAFeed ? .notAFeed(failure.message) : .unreachable(failure.message)
        case .notModified, .unchanged, .deferred, .quarantined:
            throw .unreachable("no content in the answer")
        }
        let stored: FeedRecord
        do {
            stored = try store.addFeed(feed)
        } catch {
            throw .storage(error)
        }
        let trackers = (try? store.trackers()) ?? []
        var report = CycleReport()
        let states = StateBatch()
        apply(
            outcome, to: stored, evaluator: TrackerEvaluator(trackers: trackers), pauses: HostPauses([:]), states: states,
            report: &report)
        flush(states)
        let saved = (try? store.feed(id: stored.id ?? 0)).flatMap { $0 } ?? stored
        // Its answer could not be stored: the feed is not added, and the user hears why.
        if report.failed > 0, let id = stored.id {
            try? store.removeFeed(id: id)
            throw .notStored(saved.lastError ?? "its items could not be stored")
        }
        return Subscription(feed: saved, items: parsed.items.count, newArticles: report.newArticles, alerts: report.alerts)
    }

    // MARK: - Fetch and parse (child tasks)

    /// Fetches and parses one feed. Always takes a `parsing` permit (after the transfer, before
    /// parsing); the caller gives it back once the outcome is stored.
    private func fetchAndParse(_ feed: FeedRecord, pauses: HostPauses, parsing: AsyncSemaphore) async -> FetchOutcome {
        let outcome = await fetch(feed, pauses: pauses)
        await parsing.acquire()
        guard case .fetched(let response, let bodyHash) = outcome else { return outcome.settled }
        if bodyHash == feed.quarantinedBodyHash { return .quarantined(response) }
        if let id = feed.id { markers?.begin(feedID: id, bodyHash: bodyHash) }
        #if DEBUG
        InjectedFault.trapIfRequested(by: response.body)
        #endif
        do {
            let parsed = try parser.parse(response.body, url: response.effectiveURL, contentType: response.contentType)
            return .parsed(response, parsed, bodyHash: bodyHash)
        } catch {
            return .failed(FeedFailure(message: error.description, status: response.status, isNotAFeed: true))
        }
    }

    private func fetch(_ feed: FeedRecord, pauses: HostPauses) async -> FetchStage {
        if let until = pauses.until(forURL: feed.url, now: clock()) { return .done(.deferred(until: until)) }
        let response: FetchResponse
        do {
            response = try await fetcher.fetch(FetchRequest(url: feed.url, etag: feed.etag, lastModified: feed.lastModified))
        } catch {
            return .done(.failed(FeedFailure(message: error.description)))
        }
        if response.isNotModified { return .done(.notModified(response)) }
        guard response.isSuccess else {
            return .done(.failed(
                FeedFailure(
                    message: "HTTP \(response.status) \(HTTPStatusText.reason(response.status))",
                    status: response.status,
                    retryAfter: response.retryAfter(now: clock()))))
        }
        let bodyHash = SHA256Digest.hex(of: response.body)
        if bodyHash == feed.bodyHash { return .done(.unchanged(response)) }
        return .fetched(response, bodyHash: bodyHash)
    }

    // MARK: - Store (one feed at a time)

    private func apply(
        _ outcome: FetchOutcome, to feed: FeedRecord, evaluator: TrackerEvaluator, pauses: HostPauses,
        states: StateBatch, report: inout CycleReport
    ) {
        let now = clock()
        var generator = SystemRandomNumberGenerator()
        var state = feed
        report.feeds += 1
        if case .deferred(let until) = outcome {
            state.nextFetchAt = until.addingTimeInterval(Double.random(in: 0...5, using: &generator))
            report.deferred += 1
            states.add(state)
            return
        }
        state.lastFetchAt = now
        metrics.countFetch(status: outcome.statusLabel)
        switch outcome {
        case .deferred:
            return
        case .failed(let failure):
            if let requested = failure.retryAfter, failure.status == 429 || failure.status == 503,
               let host = FeedAddress.host(of: feed.url) {
                let until = schedule.bounded(requested, from: now)
                pauses.pause(host, until: until)
                do {
                    try store.pauseHost(host, until: until, reason: failure.message)
                } catch {
                    logger.error("cannot record the pause of \(host): \(error)")
                }
                let capped = requested > until ? "; paused only until \(Timestamp.string(until)) (polling.max_server_wait)" : ""
                logger.notice("\(host) asked to pause until \(Timestamp.string(requested)) (\(failure.message))\(capped)")
            }
            state.lastStatus = failure.status
            state.lastError = failure.message
            state.consecutiveFailures += 1
            state.nextFetchAt = schedule.afterFailure(
                at: now, failures: state.consecutiveFailures, retryAfter: failure.retryAfter, using: &generator)
            report.failed += 1
            logger.warning("feed \(feed.id ?? 0) \(feed.url): \(failure.message) (failure \(state.consecutiveFailures))")
            states.add(state)
            if state.consecutiveFailures == failureThreshold {
                raiseHealth(.feedFailing, feed: state, message: "\(state.consecutiveFailures) consecutive failures; last: \(failure.message)", at: now, report: &report)
            }
        case .quarantined(let response):
            state.lastStatus = response.status
            state.lastError = Self.quarantineMessage(since: feed.quarantinedAt, feedID: feed.id)
            state.nextFetchAt = schedule.afterSuccess(
                at: now, feedInterval: state.intervalSeconds, serverInterval: state.serverIntervalSeconds, using: &generator)
            report.unchanged += 1
            states.add(state)
        case .notModified(let response), .unchanged(let response):
            let hint = CacheControl.maxAge(response.headers["cache-control"]) ?? state.serverIntervalSeconds
            markSuccess(&state, response: response, hint: hint, now: now, using: &generator)
            report.unchanged += 1
            states.add(state)
            noteRecovery(from: feed, to: state, at: now, report: &report)
        case .parsed(let response, let parsed, let bodyHash):
            let hints = [parsed.ttlSeconds, CacheControl.maxAge(response.headers["cache-control"])].compactMap { $0 }
            markSuccess(&state, response: response, hint: hints.max(), now: now, using: &generator)
            state.bodyHash = bodyHash
            if let title = parsed.title, !state.titleIsCustom { state.title = title }
            for warning in parsed.warnings.prefix(3) { logger.info("feed \(feed.id ?? 0) \(feed.url): \(warning)") }
            do {
                let raising = ArticleAlerts(evaluator: evaluator, feed: state, now: now)
                let ingest = try store.ingest(Self.oldestFirst(parsed.items), from: state, at: now) { article, ledger in
                    try raising.alerts(for: article, memory: ledger)
                }
                report.updated += 1
                report.newArticles += ingest.newArticles.count - ingest.revisions
                report.republished += ingest.republished
                report.revisions += ingest.revisions
                report.alerts += ingest.alerts.count
                delivery.deliver(ingest.alerts)
                if feed.quarantinedBodyHash != nil, let id = feed.id {
                    try? store.liftQuarantine(feedID: id)
                    logger.notice("feed \(id) \(feed.url): a new body was read without trouble; quarantine lifted")
                }
            } catch {
                // Not stored: retried with backoff like any failure, never every second.
                logger.error("feed \(feed.id ?? 0) \(feed.url): cannot store items: \(error)")
                var retry = feed
                retry.lastFetchAt = now
                retry.lastError = "cannot store items: \(error)"
                retry.consecutiveFailures += 1
                retry.nextFetchAt = schedule.afterFailure(
                    at: now, failures: retry.consecutiveFailures, retryAfter: nil, using: &generator)
                states.add(retry)
                report.failed += 1
                return
            }
            noteRecovery(from: feed, to: state, at: now, report: &report)
        }
    }

    /// What `feed list` says of a feed whose body is quarantined.
    static func quarantineMessage(since: Date?, feedID: Int64?) -> String {
        let when = since.map { " on \(Timestamp.string($0))" } ?? ""
        return "quarantined: FeedWatch stopped while reading this feed's content\(when); skipped until it changes "
            + "(`feedwatch feed resume \(feedID ?? 0)` reads it again)"
    }

    private func markSuccess(
        _ state: inout FeedRecord, response: FetchResponse, hint: Int?, now: Date,
        using generator: inout some RandomNumberGenerator
    ) {
        followPermanentRedirect(&state, response: response)
        state.serverIntervalSeconds = hint
        // Validators are refreshed on every response that carries them, so a stale ETag never
        // turns every later poll unconditional.
        if response.status != 304 || response.etag != nil { state.etag = response.etag }
        if response.status != 304 || response.lastModified != nil { state.lastModified = response.lastModified }
        state.lastStatus = response.status
        state.lastSuccessAt = now
        state.lastError = nil
        state.consecutiveFailures = 0
        state.nextFetchAt = schedule.afterSuccess(
            at: now, feedInterval: state.intervalSeconds, serverInterval: hint, using: &generator)
    }

    /// A feed moves to its new URL when two polls in a row were redirected there only by
    /// permanent redirects (301/308); one glitch, or a temporary redirect, moves nothing.
    private func followPermanentRedirect(_ state: inout FeedRecord, response: FetchResponse) {
        guard !response.redirects.isEmpty, response.redirects.allSatisfy(\.isPermanent),
              response.effectiveURL != state.url
        else {
            state.redirectCandidate = nil
            return
        }
        // A server names the new address: it is checked like one a user types, and a feed never
        // moves to one that is refused.
        let target: String
        do {
            target = try FeedAddress.validated(response.effectiveURL)
        } catch {
            logger.warning("feed \(state.id ?? 0) \(state.url): not following the permanent redirect: \(error)")
            state.redirectCandidate = nil
            return
        }
        if state.redirectCandidate == target {
            logger.notice("feed \(state.id ?? 0) moved permanently: \(state.url) -> \(target)")
            state.url = target
            state.redirectCandidate = nil
        } else {
            state.redirectCandidate = target
        }
    }

    private func noteRecovery(from before: FeedRecord, to after: FeedRecord, at now: Date, report: inout CycleReport) {
        guard before.consecutiveFailures >= failureThreshold else { return }
        raiseHealth(.feedRecovered, feed: after, message: "working again after \(before.consecutiveFailures) consecutive failures", at: now, report: &report)
    }

    /// Items in the order they were written, so that trackers see a figure's values in time order:
    /// by date when every item has one, else the document reversed (feeds list the newest first).
    static func oldestFirst(_ items: [ParsedItem]) -> [ParsedItem] {
        let reversed = Array(items.reversed())
        let dates = reversed.map { $0.published ?? $0.updated }
        guard dates.allSatisfy({ $0 != nil }) else { return reversed }
        return zip(reversed, dates).enumerated()
            .sorted { ($0.element.1!, $0.offset) < ($1.element.1!, $1.offset) }
            .map(\.element.0)
    }

    private func raiseHealth(_ kind: AlertKind, feed: FeedRecord, message: String, at now: Date, report: inout CycleReport) {
        do {
            let stored = try store.record([AlertFactory.feedHealth(kind, feed: feed, message: message, at: now)], feedID: feed.id)
            report.alerts += stored.count
            delivery.deliver(stored)
        } catch {
            logger.error("feed \(feed.id ?? 0): cannot store \(kind.rawValue) alert: \(error)")
        }
    }

    /// Writes the fetch states gathered so far in one transaction: a cycle of 304s costs a few
    /// commits, not one per feed. A crash before the flush only means those feeds are fetched again.
    private func flush(_ states: StateBatch) {
        let batch = states.take()
        guard !batch.isEmpty else { return }
        do {
            try store.saveFetchStates(batch)
        } catch {
            logger.error("cannot save the fetch state of \(batch.count) feeds: \(error)")
        }
    }
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

    var settled: FetchOutcome {
        switch self {
        case .done(let outcome): outcome
        case .fetched(let response, _): .unchanged(response)
        }
    }
}

/// Fetch states waiting to be written together (used by one cycle's storing loop only).
final class StateBatch {
    private var states: [FeedRecord] = []
    var count: Int { states.count }
    func add(_ state: FeedRecord) { states.append(state) }
    func take() -> [FeedRecord] {
        defer { states = [] }
        return states
    }
}
