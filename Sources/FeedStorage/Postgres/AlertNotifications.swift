import Foundation
import Logging
import PostgresNIO
import Synchronization

/// Wakes `feedwatch alerts --follow` when any daemon commits an alert: every alert insert sends
/// `NOTIFY feedwatch_alerts`, delivered by the server at commit to every listening connection.
final class AlertNotifications: Sendable {
    private let signal = DispatchSemaphore(value: 0)
    private let listening = Mutex<PostgresConnection?>(nil)

    /// Blocks until a notification or `seconds`; a listener that cannot be set up (the server
    /// gone) makes it a plain wait, and the caller's next read reports the failure.
    func wait(upTo seconds: Double, connections: PostgresConnections) {
        if listening.withLock({ $0 == nil || $0?.isClosed == true }) {
            if let connection = try? connections.listen(channel: "feedwatch_alerts", onNotification: { [signal] in signal.signal() }) {
                listening.withLock { $0 = connection }
            }
        }
        _ = signal.wait(timeout: .now() + seconds)
        // Several notifications while the caller read: one read covers them all.
        while signal.wait(timeout: .now()) == .success {}
    }

    deinit {
        if let connection = listening.withLock({ $0 }) { _ = try? connection.close().wait() }
    }
}

extension PostgresConnections {
    /// A connection of its own (never lent to a caller) listening on `channel`.
    func listen(channel: String, onNotification: @escaping @Sendable () -> Void) throws -> PostgresConnection {
        let connection = try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 0, logger: logger
        ).wait()
        connection.addListener(channel: channel) { _, _ in onNotification() }
        try connection.run(PostgresQuery(unsafeSQL: "LISTEN \(channel)"), logger: logger)
        return connection
    }
}
