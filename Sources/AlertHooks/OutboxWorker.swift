import AlertMessages
import Configuration
import FeedFetching
import FeedStorage
import FeedModel
import Foundation
import Logging
import Synchronization

/// Delivers what the outbox holds to the configured hooks.
///
/// Each sink gets its alerts in alert order, one at a time: when one fails, that sink waits
/// (10 s, doubling up to an hour, or longer if the receiver asked with `Retry-After`) and tries
/// the same alert again, forever; later alerts wait behind it. Sinks never wait for each other:
/// each is drained by a task of its own. A delivery is marked delivered only after the hook took
/// it, so a crash in between delivers it again: at least once, and receivers drop duplicates by
/// the alert id.
public final class OutboxWorker: Sendable {
    let store: any FeedDatabase
    let logger: Logger
    let schedule: RetrySchedule
    let clock: @Sendable () -> Date
    /// Pending deliveries read from the database at a time.
    let batchSize: Int
    /// Webhooks of every sink share it, across reloads.
    private let fetcher = WebhookHook.makeFetcher()
    private let hooks: Mutex<[String: ConfiguredHook]>
    /// Sinks whose policy has them wait (a digest not due, a full hour, quiet hours): not
    /// looked at before then. Cleared on reload, when policies may change.
    private let waiting = Mutex<[String: Date]>([:])

    /// A sink's hook with what decides when it sends.
    struct ConfiguredHook: Sendable {
        var hook: any AlertHook
        var policy: DeliveryPolicy
        var messages: MessageRenderer
    }

    public init(
        store: any FeedDatabase, sinks: [SinkSettings], logger: Logger, schedule: RetrySchedule = RetrySchedule(),
        batchSize: Int = 32, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.logger = logger
        self.schedule = schedule
        self.batchSize = batchSize
        self.clock = clock
        hooks = Mutex([:])
        configure(sinks)
    }

    /// Replaces the hooks (on reload). A sink no longer configured keeps its pending deliveries
    /// in the outbox, untouched, until a sink of that name comes back.
    public func configure(_ sinks: [SinkSettings]) {
        let made = Dictionary(
            sinks.map { ($0.name, ConfiguredHook(hook: $0.makeHook(fetcher: fetcher, clock: clock), policy: $0.policy, messages: $0.message)) },
            uniquingKeysWith: { _, last in last })
        hooks.withLock { $0 = made }
        waiting.withLock { $0 = [:] }
    }

    /// One pass (`feedwatchd --once`, tests): every sink whose first pending delivery is due is
    /// drained, the sinks concurrently; returns when all are done.
    @discardableResult
    public func deliverDue(shouldStop: @escaping @Sendable () -> Bool = { false }) async -> OutboxPass {
        let due = await dueHooks(excluding: [])
        return await withTaskGroup(of: OutboxPass.self) { group in
            for (sink, hook) in due {
                group.addTask { await self.drain(sink, hook: hook, shouldStop: shouldStop) }
            }
            return await group.reduce(into: OutboxPass()) { $0.add($1) }
        }
    }

    /// Until `shouldStop`: every second, starts draining each sink that has a delivery due and
    /// is not being drained already. On stop, deliveries in progress finish (within their
    /// timeout) and nothing new starts; cancelling the task aborts them.
    public func run(shouldStop: @escaping @Sendable () -> Bool) async {
        await withTaskGroup(of: String?.self) { group in
            var draining: Set<String> = []
            func startDue() async {
                for (sink, hook) in await dueHooks(excluding: draining) {
                    draining.insert(sink)
                    group.addTask {
                        _ = await self.drain(sink, hook: hook, shouldStop: shouldStop)
                        return sink
                    }
                }
            }
            await startDue()
            group.addTask { try? await Task.sleep(for: .seconds(1)); return nil }
            while let finished = await group.next() {
                if let sink = finished {
                    draining.remove(sink)
                } else if !shouldStop(), !Task.isCancelled {
                    group.addTask { try? await Task.sleep(for: .seconds(1)); return nil }
                }
                if shouldStop() || Task.isCancelled {
                    if draining.isEmpty { break }
                    continue
                }
                if finished == nil { await startDue() }
            }
            group.cancelAll()
        }
    }

    /// The configured sinks whose first pending delivery is due now.
    private func dueHooks(excluding busy: Set<String>) async -> [(String, ConfiguredHook)] {
        let hooks = self.hooks.withLock { $0 }
        guard !hooks.isEmpty else { return [] }
        let due: [String: Date]
        do {
            due = try await Blocking.run { [store] () throws(StorageError) in try store.outboxDue() }
        } catch {
            logger.error("cannot read the alert outbox: \(error)")
            return []
        }
        let now = clock()
        let waiting = self.waiting.withLock { $0 }
        return due.filter { $0.value <= now && !busy.contains($0.key) && (waiting[$0.key] ?? .distantPast) <= now }
            .sorted { $0.key < $1.key }
            .compactMap { sink, _ in hooks[sink].map { (sink, $0) } }
    }

    /// Delivers a sink's pending alerts in order until one fails, none is left or the daemon stops.
    private func drain(_ sink: String, hook configured: ConfiguredHook, shouldStop: @Sendable () -> Bool) async -> OutboxPass {
        if !configured.policy.isImmediate { return await drainPlanned(sink, configured, shouldStop: shouldStop) }
        let hook = configured.hook
        var pass = OutboxPass()
        while !shouldStop(), !Task.isCancelled {
            let entries: [OutboxEntry]
            do {
                entries = try await Blocking.run { [store, batchSize] () throws(StorageError) in
                    try store.pendingDeliveries(for: sink, limit: batchSize)
                }
            } catch {
                logger.error("hook '\(sink)': cannot read its pending alerts: \(error)")
                return pass
            }
            guard let first = entries.first, first.nextAttemptAt <= clock() else { return pass }
            for entry in entries {
                // An alert queued late (found in the log after a crash) can precede one that is backing off.
                if shouldStop() || Task.isCancelled || entry.nextAttemptAt > clock() { return pass }
                let delivery = HookDelivery(alertID: entry.alertID, kind: entry.kind, tracker: entry.tracker, json: entry.body)
                do throws(HookFailure) {
                    try await hook.deliver(delivery)
                } catch .cancelled {
                    return pass
                } catch {
                    await recordFailure(error, of: entry, sink: sink, what: "alert \(entry.alertID)")
                    pass.failed += 1
                    return pass
                }
                do {
                    let now = clock()
                    try await Blocking.run { [store] () throws(StorageError) in try store.markDelivered(entry, at: now) }
                } catch {
                    // Delivered but not marked: it will be delivered again (the receiver drops it by id).
                    logger.error("hook '\(sink)': alert \(entry.alertID) delivered but not marked so: \(error)")
                    return pass
                }
                pass.delivered += 1
                if entry.attempts > 0 {
                    logger.notice("hook '\(sink)': alert \(entry.alertID) delivered after \(entry.attempts + 1) attempts")
                }
            }
            if entries.count < batchSize { return pass }
        }
        return pass
    }

    /// Delivers a sink with a policy: one message at a time (an alert, or a digest of several) as
    /// `DeliveryPlanner` decides, until it says wait, one fails or the daemon stops.
    private func drainPlanned(_ sink: String, _ configured: ConfiguredHook, shouldStop: @Sendable () -> Bool) async -> OutboxPass {
        var pass = OutboxPass()
        let planner = DeliveryPlanner(policy: configured.policy)
        let counted = configured.policy.maxPerHour != nil
        while !shouldStop(), !Task.isCancelled {
            let now = clock()
            let step: DeliveryPlanner.Step
            do {
                step = try await Blocking.run { [store] () throws(StorageError) in
                    let pending = try store.pendingDeliveries(for: sink, limit: 1000)
                    let sent = counted && !pending.isEmpty ? try store.sinkMessages(for: sink, before: now) : []
                    return planner.next(pending: pending, sent: sent, now: now)
                }
            } catch {
                logger.error("hook '\(sink)': cannot read its pending alerts: \(error)")
                return pass
            }
            let entries: [OutboxEntry]
            switch step {
            case .idle:
                return pass
            case .wait(let until):
                waiting.withLock { $0[sink] = until }
                return pass
            case .send(let chosen):
                entries = chosen
            }
            guard let head = entries.first else { return pass }
            let delivery = entries.count == 1
                ? HookDelivery(alertID: head.alertID, kind: head.kind, tracker: head.tracker, json: head.body)
                : DigestMessage.delivery(entries, messages: configured.messages, at: now)
            do throws(HookFailure) {
                try await configured.hook.deliver(delivery)
            } catch .cancelled {
                return pass
            } catch {
                await recordFailure(error, of: head, sink: sink, what: entries.count == 1 ? "alert \(head.alertID)" : "a digest of \(entries.count) alerts")
                pass.failed += 1
                return pass
            }
            do {
                let sentAt = clock()
                try await Blocking.run { [store] () throws(StorageError) in try store.markDelivered(entries, asOneMessageAt: sentAt, counted: counted) }
            } catch {
                logger.error("hook '\(sink)': \(delivery.alertID) delivered but not marked so: \(error)")
                return pass
            }
            pass.delivered += entries.count
        }
        return pass
    }

    /// Logs a failed delivery and schedules the retry of the sink's first waiting alert.
    private func recordFailure(_ error: HookFailure, of entry: OutboxEntry, sink: String, what: String) async {
        var generator = SystemRandomNumberGenerator()
        let now = clock()
        let retry = schedule.retry(after: entry.attempts + 1, at: now, retryAfter: error.retryAfter, using: &generator)
        let message = "hook '\(sink)': \(what) not delivered (attempt \(entry.attempts + 1), next in \(Self.wait(from: now, to: retry))): \(error)"
        if error.needsAttention { logger.error("\(message)") } else { logger.warning("\(message)") }
        do {
            let reason = error.description
            try await Blocking.run { [store] () throws(StorageError) in
                try store.recordFailedDelivery(entry, error: reason, retryAt: retry, at: now)
            }
        } catch {
            logger.error("hook '\(sink)': cannot record the failed delivery: \(error)")
        }
    }

    private static func wait(from now: Date, to retry: Date) -> String {
        let seconds = Int(min(max(retry.timeIntervalSince(now), 0), 3.2e10).rounded())
        return seconds < 120 ? "\(seconds)s" : seconds < 7200 ? "\(seconds / 60)m" : "\(seconds / 3600)h"
    }
}

/// What a pass over the outbox did.
public struct OutboxPass: Sendable, Equatable {
    public var delivered = 0
    public var failed = 0

    public init(delivered: Int = 0, failed: Int = 0) {
        self.delivered = delivered
        self.failed = failed
    }

    mutating func add(_ other: OutboxPass) {
        delivered += other.delivered
        failed += other.failed
    }
}
