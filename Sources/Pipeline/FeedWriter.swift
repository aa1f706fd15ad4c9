import FeedModel
import FeedStorage
import Foundation
import Logging
import Tracking

/// The write stage: stores a batch of prepared feeds in one short transaction — items, sources,
/// tracker ledger, alerts and fetch states. Nothing is computed here but the comparison of a
/// figure with the one its tracker last reported (a lookup). Each feed is its own savepoint, so
/// one that cannot be stored never costs the others; the feeds with nothing to store but their
/// fetch state share one (`saveFetchStates`), and are saved each on its own if that fails.
struct FeedWriter: Sendable {
    let store: any FeedDatabase
    let schedule: FeedSchedule
    let logger: Logger

    /// What writing one feed did.
    struct Written: Sendable {
        var plan: FeedPlan
        var report = CycleReport()
        var alerts: [EncodedAlert] = []
        /// The quarantine was lifted (a new body read without trouble).
        var liftedQuarantine = false
    }

    func write(_ plans: [FeedPlan], evaluator: TrackerEvaluator) async -> [Written] {
        let (logger, schedule) = (self.logger, self.schedule)
        do {
            return try await store.ingest { transaction in
                let statesSaved = Self.saveFetchStatesAlone(plans, in: transaction)
                return plans.indices.map { index in
                    statesSaved.contains(index)
                        ? Self.writtenFetchState(plans[index])
                        : Self.write(plans[index], in: transaction, evaluator: evaluator, schedule: schedule, logger: logger)
                }
            }
        } catch {
            // The transaction itself failed (a full disk, a locked database): nothing of the batch
            // is stored, and every feed in it is retried with backoff like any failure.
            logger.error("cannot store a batch of \(plans.count) feeds: \(error)")
            return plans.map { plan in
                var written = Written(plan: plan)
                written.report.feeds = 1
                written.report.failed = 1
                return written
            }
        }
    }

    /// Saves together the fetch states of the plans that store nothing else (`saveFetchStates`:
    /// no savepoint per feed, one statement for them all on PostgreSQL) and returns their
    /// indices. None when that fails: each is then written on its own, like any other plan,
    /// so one state that cannot be saved costs no other.
    private static func saveFetchStatesAlone(_ plans: [FeedPlan], in transaction: any IngestSession) -> Set<Int> {
        let alone = plans.indices.filter { plans[$0].savesOnlyTheFetchState }
        guard !alone.isEmpty else { return [] }
        do {
            try transaction.saveFetchStates(alone.map { plans[$0].state })
            return Set(alone)
        } catch {
            return []
        }
    }

    /// What writing a plan that saved only its fetch state did.
    private static func writtenFetchState(_ plan: FeedPlan) -> Written {
        var written = Written(plan: plan)
        written.report.feeds = 1
        count(plan.outcome, in: &written.report)
        return written
    }

    private static func count(_ outcome: FeedPlan.Kind, in report: inout CycleReport) {
        switch outcome {
        case .deferred: report.deferred = 1
        case .failed: report.failed = 1
        case .unchanged: report.unchanged = 1
        case .updated: report.updated = 1
        }
    }

    private static func write(
        _ plan: FeedPlan, in transaction: any IngestSession, evaluator: TrackerEvaluator, schedule: FeedSchedule, logger: Logger
    ) -> Written {
        var written = Written(plan: plan)
        written.report.feeds = 1
        do {
            try transaction.isolated {
                try store(plan, into: &written, in: transaction, evaluator: evaluator)
            }
        } catch {
            // Not stored: retried with backoff like any failure, never every second.
            logger.error("feed \(plan.feed.id ?? 0) \(plan.feed.url): cannot store items: \(error)")
            var generator = SystemRandomNumberGenerator()
            var retry = plan.feed
            retry.lastFetchAt = plan.now
            retry.lastError = "cannot store items: \(error)"
            retry.consecutiveFailures += 1
            retry.nextFetchAt = schedule.afterFailure(
                at: plan.now, failures: retry.consecutiveFailures, retryAfter: nil, using: &generator)
            written = Written(plan: plan)
            written.report.feeds = 1
            written.report.failed = 1
            try? transaction.saveFetchState(retry)
        }
        return written
    }

    private static func store(
        _ plan: FeedPlan, into written: inout Written, in transaction: any IngestSession, evaluator: TrackerEvaluator
    ) throws {
        let now = plan.now
        count(plan.outcome, in: &written.report)
        if let pause = plan.hostPause {
            try transaction.pauseHost(pause.host, until: pause.until, reason: pause.reason)
        }
        if let feedID = plan.feed.id, plan.outcome == .updated {
            let raising = ArticleAlerts(feed: plan.state, now: now)
            for prepared in plan.items {
                let ingested = try transaction.ingest(
                    prepared.item, body: prepared.body, fingerprint: prepared.fingerprint, feedID: feedID, at: now)
                switch ingested {
                case .alreadySeen: continue
                case .republished:
                    written.report.republished += 1
                    continue
                case .new: written.report.newArticles += 1
                case .revision: written.report.revisions += 1
                }
                guard let article = ingested.article, !evaluator.isEmpty else { continue }
                // Prepared as known, yet new here (another process changed the store meanwhile):
                // evaluated now, so no article ever misses its trackers.
                let findings = (prepared.findings ?? evaluator.evaluate(title: article.title, text: article.text))
                    .admitted(feedID: feedID, tags: plan.feed.tags)
                for pending in try raising.alerts(for: article, findings: findings, memory: transaction.ledger) {
                    if let stored = try transaction.insert(pending, articleID: article.id, story: article.story, feedID: feedID) {
                        written.alerts.append(stored)
                    }
                }
            }
            if plan.feed.quarantinedBodyHash != nil {
                try transaction.liftQuarantine(feedID: feedID)
                written.liftedQuarantine = true
            }
        }
        try transaction.saveFetchState(plan.state)
        if let message = plan.failing {
            written.alerts += try health(.feedFailing, plan: plan, message: message, in: transaction)
        }
        if plan.recovers {
            written.alerts += try health(
                .feedRecovered, plan: plan, message: "working again after \(plan.feed.consecutiveFailures) consecutive failures",
                in: transaction)
        }
        written.report.alerts = written.alerts.count
    }

    private static func health(
        _ kind: AlertKind, plan: FeedPlan, message: String, in transaction: any IngestSession
    ) throws -> [EncodedAlert] {
        let pending = AlertFactory.feedHealth(kind, feed: plan.state, message: message, at: plan.now)
        return try transaction.insert(pending, articleID: nil, feedID: plan.feed.id).map { [$0] } ?? []
    }
}
