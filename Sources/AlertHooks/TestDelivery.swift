import FeedModel
import Foundation

extension HookDelivery {
    /// A delivery that is plainly not an alert (kind `hook.test`, an id starting with `test-`),
    /// for checking a hook by hand: it never enters the alert log, the database or the outbox.
    public static func test(sink: String, at now: Date = Date()) -> HookDelivery {
        let id = "test-" + Hex.lowercase((0..<16).map { _ in UInt8.random(in: 0...255) })
        let note = TestNote(
            id: id, time: Timestamp.string(now), kind: "hook.test",
            message: "a test of the hook '\(sink)' from `feedwatch hooks test`; no alert was raised")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(note)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return HookDelivery(alertID: id, kind: note.kind, tracker: nil, json: json)
    }
}

/// Shaped like an alert of the log (`tracker` present and null), so receivers parse it alike.
private struct TestNote: Encodable {
    var id: String
    var time: String
    var kind: String
    /// Always null: no tracker raised it.
    @NullEncoded var tracker: String? = nil
    var message: String
}
