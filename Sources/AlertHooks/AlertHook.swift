/// Somewhere an alert is delivered to beyond the log: a program (`ExecHook`) or an HTTP
/// endpoint (`WebhookHook`). A hook either delivers an alert or throws why it did not; the
/// outbox retries what failed, so a hook never retries by itself.
public protocol AlertHook: Sendable {
    func deliver(_ delivery: HookDelivery) async throws(HookFailure)
    /// What `deliver` would send, without sending it (`feedwatch hooks preview`).
    func preview(_ delivery: HookDelivery) -> HookPreview
}

/// One alert on its way to one hook.
public struct HookDelivery: Sendable, Equatable {
    /// The alert's stable id: receivers drop a delivery whose id they have already seen.
    public var alertID: String
    /// `keyword.matched`, `feed.failing`, …
    public var kind: String
    public var tracker: String?
    /// The alert exactly as the alert log holds it: one JSON object, no line break.
    public var json: String

    public init(alertID: String, kind: String, tracker: String?, json: String) {
        self.alertID = alertID
        self.kind = kind
        self.tracker = tracker
        self.json = json
    }
}
