import Dispatch

/// Runs work that blocks a thread (SQLite, `fsync`, waiting on a process) on a dispatch thread,
/// so the cooperative pool that runs every task keeps its few threads for work that never waits.
/// The caller suspends until the work is done; its result or error comes back unchanged.
public enum Blocking {
    public static func run<T: Sendable, E: Error>(_ body: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: Result { () throws(E) -> T in try body() })
            }
        }
        return try result.get()
    }
}
