import ServiceLifecycle
import Synchronization

/// Pings systemd's watchdog while the polling loop makes progress (a tick, or a feed stored
/// within the watchdog period); a loop stuck for longer stops the pings and systemd restarts the
/// daemon.
struct WatchdogService: Service {
    let notifier: SystemdNotifier
    let interval: Duration
    let progress: Progress

    func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            if progress.age < interval * 2 { notifier.watchdog() }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }
}

/// When the polling loop last moved.
final class Progress: Sendable {
    private let last = Mutex(ContinuousClock.now)

    func mark() { last.withLock { $0 = ContinuousClock.now } }

    var age: Duration { ContinuousClock.now - last.withLock { $0 } }
}
