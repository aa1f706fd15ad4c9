import Synchronization

/// A one-way "stop now" signal shared between tasks and threads: set once (a graceful shutdown),
/// read anywhere without blocking. The one such flag in the project.
public final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public var isSet: Bool { flag.load(ordering: .acquiring) }

    public func set() { flag.store(true, ordering: .releasing) }
}
