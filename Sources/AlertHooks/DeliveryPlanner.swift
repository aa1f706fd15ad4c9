import Configuration
import FeedStorage
import Foundation

/// What a sink with a `DeliveryPolicy` does next with the alerts waiting for it, decided from
/// the outbox and the clock alone (so a restart decides the same).
///
/// - quiet hours: nothing is sent; alerts queued before the end of the last quiet stretch go
///   out together as one digest when it ends;
/// - `digest`: all waiting alerts as one message, `digest` after the first of them was queued;
/// - `max_per_hour = N`: at most N messages in any hour. While more alerts wait than messages
///   remain, the hour's last message is a digest of all of them; when none remains, they wait
///   for the hour to make room. No alert is ever dropped.
struct DeliveryPlanner {
    enum Step: Equatable {
        /// Nothing waits.
        case idle
        /// Nothing to do before then.
        case wait(until: Date)
        /// One message: one alert, or a digest of several.
        case send([OutboxEntry])
    }

    let policy: DeliveryPolicy

    /// - Parameters:
    ///   - pending: the sink's waiting alerts in alert order.
    ///   - sent: when the sink's counted messages of the last hour went out, oldest first.
    func next(pending: [OutboxEntry], sent: [Date], now: Date) -> Step {
        guard let head = pending.first else { return .idle }
        if head.nextAttemptAt > now { return .wait(until: head.nextAttemptAt) }
        if let quiet = policy.quietHours, quiet.contains(now) { return .wait(until: quiet.end(after: now)) }
        var remaining = Int.max
        if let limit = policy.maxPerHour {
            let recent = sent.filter { $0 > now.addingTimeInterval(-3600) && $0 <= now }
            remaining = limit - recent.count
            // The hour makes room when the oldest message that fills it is an hour old.
            if remaining <= 0 { return .wait(until: recent[recent.count - limit].addingTimeInterval(3600)) }
        }
        if let period = policy.digest {
            let due = head.queuedAt.addingTimeInterval(TimeInterval(period.components.seconds))
            return due > now ? .wait(until: due) : .send(pending)
        }
        if let quiet = policy.quietHours {
            let end = quiet.lastEnd(atOrBefore: now)
            let heldOver = pending.filter { $0.queuedAt < end }
            if heldOver.count > 1, head.queuedAt < end { return .send(heldOver) }
        }
        return remaining == 1 && pending.count > 1 ? .send(pending) : .send([head])
    }
}
