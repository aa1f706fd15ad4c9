import ArticleText
import FeedFetching
import FeedModel
import FeedParsing
import FeedStorage
import Foundation
import Logging
import Tracking

/// The CPU stage: turns a fetched answer into a `FeedPlan` — parsing the body, reading which
/// items the store may not hold yet, running every tracker over those, and working out the
/// feed's next fetch state. Pure but for one read of the store; safe to run on every core at once.
struct FeedPlanner: Sendable {
    let store: any FeedDatabase
    let parser = FeedParser()
    let schedule: FeedSchedule
    let failureThreshold: Int
    let logger: Logger
    /// Where the daemon notes the bodies it is reading (nil for the CLI, whose crash stops no one).
    let markers: InFlightMarkers?

    /// The plan of a poll that brought no body to read (a 304, a failure, a deferral): no
    /// parsing and no read of the store, so the cycle makes it where the answer arrives.
    func plan(_ feed: FeedRecord, settling outcome: FetchOutcome, now: Date) -> FeedPlan {
        var generator = SystemRandomNumberGenerator()
        return settle(feed, outcome: outcome, now: now, using: &generator)
    }

    func plan(_ feed: FeedRecord, stage: FetchStage, evaluator: TrackerEvaluator, now: Date) async -> FeedPlan {
        var generator = SystemRandomNumberGenerator()
        switch stage {
        case .done(let outcome):
            return plan(feed, settling: outcome, now: now)
        case .fetched(let response, let bodyHash):
            if bodyHash == feed.quarantinedBodyHash { return settle(feed, outcome: .quarantined(response), now: now, using: &generator) }
            if let id = feed.id { markers?.begin(feedID: id, bodyHash: bodyHash) }
            #if DEBUG
            InjectedFault.trapIfRequested(by: response.body)
            #endif
            let parsed: ParsedFeed
            do {
                parsed = try parser.parse(response.body, url: response.effectiveURL, contentType: response.contentType)
            } catch {
                var plan = settle(
                    feed, outcome: .failed(FeedFailure(message: error.description, status: response.status, isNotAFeed: true)),
                    now: now, using: &generator)
                plan.readBody = true
                return plan
            }
            var plan = FeedPlan(feed: feed, state: feed, outcome: .updated, now: now)
            plan.readBody = true
            plan.state.lastFetchAt = now
            let hints = [parsed.ttlSeconds, CacheControl.maxAge(response.headers["cache-control"])].compactMap { $0 }
            markSuccess(&plan.state, response: response, hint: hints.max(), now: now, using: &generator)
            plan.state.bodyHash = bodyHash
            if let title = parsed.title, !plan.state.titleIsCustom { plan.state.title = title }
            for warning in parsed.warnings.prefix(3) { logger.info("feed \(feed.id ?? 0) \(feed.url): \(warning)") }
            // A feed whose items were never stored has none to recognise: its first poll skips the read.
            plan.items = await prepare(
                Self.oldestFirst(parsed.items), feedID: feed.bodyHash == nil ? nil : feed.id, evaluator: evaluator)
            plan.recovers = feed.consecutiveFailures >= failureThreshold
            return plan
        }
    }

    /// Runs the trackers over the items the store may not hold yet, and compresses their bodies
    /// for storage; the rest are left for the write stage to recognise. A failed read (or no
    /// `feedID` to read for) only means every item is prepared.
    private func prepare(_ items: [ParsedItem], feedID: Int64?, evaluator: TrackerEvaluator) async -> [PreparedItem] {
        var known = KnownItems()
        if let feedID {
            let guids = items.map(\.id)
            let hashes = items.map(\.contentHash)
            known = await Blocking.run { [store] in
                (try? store.knownItems(feedID: feedID, guids: guids, contentHashes: hashes)) ?? KnownItems()
            }
        }
        let encoder = ArticleBodyEncoder()
        return items.map { item in
            guard known.mayBeNew(guid: item.id, contentHash: item.contentHash) else { return PreparedItem(item: item) }
            let body = encoder.encode(ArticleBody(summary: item.summary, content: item.content, isPlainText: item.bodyIsPlainText))
            var kept = item
            if body != nil {
                // The compressed body holds them; a plan waiting for the write stage holds less.
                kept.summary = nil
                kept.content = nil
            }
            return PreparedItem(
                item: kept, body: body, findings: evaluator.isEmpty ? nil : evaluator.evaluate(title: item.title, text: item.text),
                fingerprint: .some(StoryFingerprint.of(item.text)))
        }
    }

    /// The plan of a poll that brought no body to read.
    private func settle(
        _ feed: FeedRecord, outcome: FetchOutcome, now: Date, using generator: inout some RandomNumberGenerator
    ) -> FeedPlan {
        var plan = FeedPlan(feed: feed, state: feed, outcome: .unchanged, now: now)
        var state = feed
        if case .deferred(let until) = outcome {
            state.nextFetchAt = until.addingTimeInterval(Double.random(in: 0...5, using: &generator))
            plan.state = state
            plan.outcome = .deferred
            return plan
        }
        state.lastFetchAt = now
        switch outcome {
        case .deferred:
            break
        case .failed(let failure):
            if let requested = failure.retryAfter, failure.status == 429 || failure.status == 503,
               let host = FeedAddress.host(of: feed.url) {
                let until = schedule.bounded(requested, from: now)
                plan.hostPause = (host, until, failure.message)
                let capped = requested > until ? "; paused only until \(Timestamp.string(until)) (polling.max_server_wait)" : ""
                logger.notice("\(host) asked to pause until \(Timestamp.string(requested)) (\(failure.message))\(capped)")
            }
            state.lastStatus = failure.status
            state.lastError = failure.message
            state.consecutiveFailures += 1
            state.nextFetchAt = schedule.afterFailure(
                at: now, failures: state.consecutiveFailures, retryAfter: failure.retryAfter, using: &generator)
            plan.outcome = .failed
            plan.readBody = failure.isNotAFeed
            logger.warning("feed \(feed.id ?? 0) \(feed.url): \(failure.message) (failure \(state.consecutiveFailures))")
            if state.consecutiveFailures == failureThreshold {
                plan.failing = "\(state.consecutiveFailures) consecutive failures; last: \(failure.message)"
            }
        case .quarantined(let response):
            state.lastStatus = response.status
            state.lastError = PollCycle.quarantineMessage(since: feed.quarantinedAt, feedID: feed.id)
            state.nextFetchAt = schedule.afterSuccess(
                at: now, feedInterval: state.intervalSeconds, serverInterval: state.serverIntervalSeconds, using: &generator)
        case .notModified(let response), .unchanged(let response):
            let hint = CacheControl.maxAge(response.headers["cache-control"]) ?? state.serverIntervalSeconds
            markSuccess(&state, response: response, hint: hint, now: now, using: &generator)
            plan.recovers = feed.consecutiveFailures >= failureThreshold
        case .parsed:
            break
        }
        plan.state = state
        return plan
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

    /// Items in the order they were written, so that trackers see a figure's values in time order:
    /// by date when every item has one, else the document reversed (feeds list the newest first).
    static func oldestFirst(_ items: [ParsedItem]) -> [ParsedItem] {
        let reversed = Array(items.reversed())
        let dated = reversed.enumerated().compactMap { offset, item in (item.published ?? item.updated).map { (offset, $0, item) } }
        guard dated.count == reversed.count else { return reversed }
        return dated.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.2)
    }
}
