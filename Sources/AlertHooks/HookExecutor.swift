import Dispatch
import Foundation
import Synchronization

/// The thread on which hook programs are started, fed and watched: swift-subprocess's steps
/// (resuming after the spawn, reading standard error, noticing the end) run here as jobs instead of
/// on the cooperative pool.
///
/// The pool has as many threads as cores (two on this machine), and anything that holds them
/// (a long computation, a test that waits on a process) would hold a running program's supervision
/// too: its standard error unread, its deadline not yet armed. These jobs never block, so one
/// thread serves every hook; the one that waits for a deadline is `Deadline`'s own.
final class HookExecutor: TaskExecutor {
    static let shared = HookExecutor()

    private let jobs = Mutex<[UnownedJob]>([])
    private let ready = DispatchSemaphore(value: 0)

    private init() {
        let thread = Thread { [self] in
            while true {
                ready.wait()
                guard let job = jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { continue }
                job.runSynchronously(on: asUnownedTaskExecutor())
            }
        }
        thread.name = "feedwatch-hooks"
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        jobs.withLock { $0.append(job) }
        ready.signal()
    }
}
