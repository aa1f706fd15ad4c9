import Configuration
import Pipeline
import Synchronization

/// The pipeline the daemon runs now, with the settings it was built from; SIGHUP swaps it for
/// one built from the re-read configuration while the services keep running.
final class LivePipeline: Sendable {
    struct Parts: Sendable {
        var cycle: PollCycle
        var delivery: AlertDelivery
        var settings: Settings
    }

    private let parts: Mutex<Parts>

    init(_ parts: Parts) {
        self.parts = Mutex(parts)
    }

    var current: Parts { parts.withLock { $0 } }

    func replace(with parts: Parts) { self.parts.withLock { $0 = parts } }
}
