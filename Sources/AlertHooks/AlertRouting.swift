import Configuration
import FeedModel
import FeedStorage

/// Which hooks each alert goes to, by the sinks' `kinds` and `trackers` filters. Decided once,
/// when the alert is queued: a later change of the filters does not move queued alerts.
public struct AlertRouting: Sendable {
    public let sinks: [SinkSettings]

    public init(sinks: [SinkSettings]) {
        self.sinks = sinks
    }

    public func sinks(for alert: Alert) -> [String] {
        sinks.filter { $0.accepts(kind: alert.kind, tracker: alert.tracker) }.map(\.name)
    }

    /// The alerts as the store marks them logged: each with the sinks it is queued for.
    public func logged(_ alerts: [Alert]) -> [LoggedAlert] {
        alerts.map { LoggedAlert(id: $0.id, sinks: sinks(for: $0)) }
    }
}
