import Foundation
import Subprocess

/// A hook program's deadline, kept by a thread of its own: at the deadline the program's process
/// group is killed at once, behind no queue of jobs (neither the cooperative pool's, which other
/// work can hold for seconds, nor `HookExecutor`'s, shared by every hook).
///
/// The thread sleeps in `poll` on the program's pidfd, which swift-subprocess opens for every
/// program it starts on Linux 5.3 and later, so it ends the moment the program does; without a
/// pidfd it looks every 20 ms.
enum Deadline {
    /// Waits, off the pool, until the program ends or `timeout` passes.
    ///
    /// Call it before swift-subprocess reaps the program (inside `run`'s body closure): the kill
    /// aims at the process group whose id is the program's pid, still ours while it is unreaped.
    /// - Returns: whether the deadline passed and the process group was killed.
    static func keep(for process: ProcessIdentifier, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        return await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: watch(process, until: deadline))
            }
            thread.name = "feedwatch-hook-deadline"
            thread.start()
        }
    }

    private static func watch(_ process: ProcessIdentifier, until deadline: ContinuousClock.Instant) -> Bool {
        // `poll` skips a negative descriptor, which then only paces the loop.
        var pidfd = pollfd(fd: process.processDescriptor, events: Int16(POLLIN), revents: 0)
        while !hasExited(process.value) {
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                kill(-process.value, SIGKILL)
                return true
            }
            let wait = pidfd.fd >= 0 ? left : min(left, .milliseconds(20))
            let milliseconds = wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000 + 1
            _ = poll(&pidfd, 1, Int32(clamping: milliseconds))
        }
        return false
    }

    /// Whether the program has ended, without reaping it (swift-subprocess does that).
    private static func hasExited(_ pid: pid_t) -> Bool {
        var info = siginfo_t()
        // An error can only be ECHILD: it was reaped, so it has ended too.
        return waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) != 0 || info.si_signo != 0
    }
}
