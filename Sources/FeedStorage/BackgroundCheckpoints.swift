import Dispatch
import GRDB
import Synchronization

/// Folds the write-ahead log into the database file beside the writer, on a connection and a
/// thread of their own. In WAL mode a checkpoint needs no write lock, so the pipeline's one
/// writer goes on committing while pages are copied and the file is synced; inside the writer's
/// commits, checkpoints took a twentieth of a cold start's CPU.
///
/// Requests made while one is waiting are one; a checkpoint that cannot run (another is in
/// progress, or the connection cannot be opened) is simply skipped, as the writer's own
/// automatic checkpoint stays as a backstop.
final class BackgroundCheckpoints: Sendable {
    private let path: String
    /// Not the cooperative pool: opening the connection and checkpointing block on file I/O and `fsync`.
    private let queue = DispatchQueue(label: "feedwatch-checkpoints")

    private struct State {
        /// A checkpoint is queued and not started.
        var queued = false
        var closed = false
        /// Opened on `queue` by the first checkpoint.
        var connection: DatabaseQueue?
        /// The last checkpoint found a log that grows fast.
        var busy = false
    }

    private let state = Mutex(State())
    /// How long a request waits, so that the pages of many commits are copied and synced at once:
    /// at most one checkpoint (two `fsync`s) every two seconds while the daemon writes a little
    /// at a time.
    static let gathering: DispatchTimeInterval = .seconds(2)
    /// How long a request waits while the log grows fast (a cold start writes tens of megabytes
    /// a second): the log is folded in as it grows, so the writer's own checkpoint, far larger
    /// (`SQLiteStore.writerCheckpointPages`), is seldom reached.
    static let busyGathering: DispatchTimeInterval = .milliseconds(100)
    /// Pages copied by one checkpoint from which the log counts as growing fast: 4 MB.
    static let busyPages = 1_024

    init(path: String) {
        self.path = path
    }

    /// Asks for a passive checkpoint soon.
    func request() {
        let (isFirst, busy) = state.withLock { state in
            defer { state.queued = true }
            return (!state.queued && !state.closed, state.busy)
        }
        guard isFirst else { return }
        queue.asyncAfter(deadline: .now() + (busy ? Self.busyGathering : Self.gathering)) { [self] in
            let (closed, opened) = state.withLock { state in
                state.queued = false
                return (state.closed, state.connection)
            }
            guard !closed, let connection = opened ?? open() else { return }
            // Busy (another checkpoint runs) or failed: the next request or the writer's own
            // checkpoint does the work; nothing is lost either way.
            let copied = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive).checkpointedFrameCount }
            state.withLock { $0.busy = (copied ?? 0) >= Self.busyPages }
        }
    }

    /// Waits for a checkpoint in progress and closes the connection; later requests do nothing.
    func close() {
        state.withLock { $0.closed = true }
        queue.sync {}
        try? state.withLock { $0.connection }?.close()
    }

    /// Called on `queue` only, so the connection is opened once.
    private func open() -> DatabaseQueue? {
        var configuration = Configuration()
        configuration.label = "feedwatch-checkpoints"
        let connection = try? DatabaseQueue(path: path, configuration: configuration)
        state.withLock { $0.connection = connection }
        return connection
    }
}
