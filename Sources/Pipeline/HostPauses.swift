import FeedModel
import Foundation
import Synchronization

/// Hosts that asked to be left alone (429/503 with Retry-After) and until when. Shared by the
/// fetch tasks, which skip a paused host, and the cycle, which records new pauses.
final class HostPauses: Sendable {
    private let pauses: Mutex<[String: Date]>

    init(_ initial: [String: Date]) {
        pauses = Mutex(initial)
    }

    func until(forURL url: String, now: Date) -> Date? {
        guard !pauses.withLock({ $0.isEmpty }), let host = FeedAddress.host(of: url) else { return nil }
        return pauses.withLock { pauses in
            guard let until = pauses[host], until > now else { return nil }
            return until
        }
    }

    func pause(_ host: String, until: Date) {
        pauses.withLock { $0[host] = max($0[host] ?? until, until) }
    }
}
