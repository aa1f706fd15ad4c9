import Configuration
import FeedStorage
import Foundation

/// One hook in `feedwatch status`: what waits in the outbox for it and why.
struct HookView: Encodable {
    var sink: String
    /// False for a sink that is no longer in the config: its alerts wait until it comes back.
    var configured: Bool
    /// The sink's `type` (`exec`, `webhook`, `ntfy`, `email`, `slack`, …); nil when not configured.
    var type: String?
    var pending: Int
    var oldestPendingSince: Date?
    /// The first pending alert's attempts so far, its last error and its next attempt.
    var attempts: Int
    var lastError: String?
    var nextAttemptAt: Date?
    var lastDeliveredAt: Date?

    /// Every configured sink (in config order), then any other sink the outbox still names.
    static func all(configured sinks: [SinkSettings], outbox: [OutboxSummary]) -> [HookView] {
        let byName = Dictionary(outbox.map { ($0.sink, $0) }, uniquingKeysWith: { first, _ in first })
        var views = sinks.map { sink in
            HookView(sink: sink.name, configured: true, type: sink.typeName, summary: byName[sink.name])
        }
        let names = Set(sinks.map(\.name))
        views += outbox.filter { !names.contains($0.sink) && $0.pending > 0 }
            .map { HookView(sink: $0.sink, configured: false, type: nil, summary: $0) }
        return views
    }

    private init(sink: String, configured: Bool, type: String?, summary: OutboxSummary?) {
        self.sink = sink
        self.configured = configured
        self.type = type
        pending = summary?.pending ?? 0
        oldestPendingSince = summary?.oldestPendingSince
        attempts = summary?.attempts ?? 0
        lastError = summary?.lastError
        nextAttemptAt = summary?.nextAttemptAt
        lastDeliveredAt = summary?.lastDeliveredAt
    }

    /// `pager (exec): 2 pending since 5m ago; 3 attempts, last: HTTP 503; next in 40s`
    var line: String {
        var text = "\(sink)\(type.map { " (\($0))" } ?? "")"
        guard pending > 0 else {
            return text + ": nothing pending" + (lastDeliveredAt.map { ", last delivery \(TimeText.relative($0))" } ?? "")
        }
        text += ": \(pending) pending since \(TimeText.relative(oldestPendingSince))"
        if !configured { return text + ", for a sink no longer in the config (kept until it comes back)" }
        if let lastError { text += "; \(attempts) attempt\(attempts == 1 ? "" : "s"), last: \(lastError); next \(TimeText.relative(nextAttemptAt))" }
        return text
    }
}

extension SinkSettings {
    var typeName: String { target.typeName }
}
