import Dispatch
import GRDB
import Synchronization

/// Folds the write-ahead log into the database file beside the writer, on a connection and a
/// thread of their own. In WAL mode a checkpoint needs no write lock, so the pipeline's one
/// writer goes on committing while pages are copied and the file is synced; inside the writer's
/// commits, checkpoints took a twentieth of a cold start's CPU.
///
/// Requests made while one is waiting are one; a checkpoint that cannot run (another is in
/// progress) is simply skipped, as the writer's own automatic checkpoint stays as a backstop.
final class BackgroundCheckpoints: Sendable {
    private let connection: DatabaseQueue
    /// Not the cooperative pool: a checkpoint blocks on file I/O and `fsync`.
    private let queue = DispatchQueue(label: "feedwatch-checkpoints")
    private struct State {
        /// A checkpoint is queued and not started.
        var queued = false
        var closed = false
    }

    private let state = Mutex(State())
    /// How long a request waits, so that the pages of several commits are copied at once.
    static let gathering: DispatchTimeInterval = .milliseconds(250)

    init(path: String) throws {
        var configuration = Configuration()
        configuration.label = "feedwatch-checkpoints"
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// Asks for a passive checkpoint soon.
    func request() {
        let isFirst = state.withLock { state in
            defer { state.queued = true }
            return !state.queued && !state.closed
        }
        guard isFirst else { return }
        queue.asyncAfter(deadline: .now() + Self.gathering) { [self] in
            let closed = state.withLock { state in
                state.queued = false
                return state.closed
            }
            guard !closed else { return }
            // Busy (another checkpoint runs) or failed: the next request or the writer's own
            // checkpoint does the work; nothing is lost either way.
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
        }
    }

    /// Waits for a checkpoint in progress and closes the connection; later requests do nothing.
    func close() {
        state.withLock { $0.closed = true }
        queue.sync {}
        try? connection.close()
    }
}
