import CSpawn
import FeedModel
import Foundation

/// One run of a program with `posix_spawn`: the argument vector exactly as given (no shell, so
/// spaces and `$` reach the program literally), bytes on its standard input, standard output
/// discarded, the start of its standard error kept, and a deadline after which its whole
/// process group is killed.
///
/// `run` blocks its thread until the program ends: call it on a thread of its own, never on
/// the cooperative pool.
struct ChildProcess {
    enum Termination: Equatable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case cancelled
    }

    struct Outcome {
        var termination: Termination
        /// The first bytes the program wrote to standard error (at most `stderrLimit`).
        var stderr: [UInt8]
    }

    let arguments: [String]
    /// `NAME=value` entries: the program's whole environment.
    let environment: [String]
    let input: [UInt8]
    let timeout: Duration
    /// Set from another thread to kill the program early (the daemon is stopping).
    let cancellation: StopFlag
    var stderrLimit = 4096

    func run() throws(HookFailure) -> Outcome {
        // A program that exits without reading its input makes our write fail with EPIPE; the
        // SIGPIPE that comes with it is blocked on this thread (and consumed) instead of killing
        // the daemon.
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)

        var stdinPipe: [Int32] = [-1, -1]
        var stderrPipe: [Int32] = [-1, -1]
        var code = fw_pipe_cloexec(&stdinPipe)
        guard code == 0 else { throw cannotStart(code) }
        code = fw_pipe_cloexec(&stderrPipe)
        guard code == 0 else {
            close(stdinPipe[0])
            close(stdinPipe[1])
            throw cannotStart(code)
        }
        let pid: pid_t
        do {
            defer {
                close(stdinPipe[0])
                close(stderrPipe[1])
            }
            pid = try spawn(stdin: stdinPipe[0], stderr: stderrPipe[1])
        } catch {
            close(stdinPipe[1])
            close(stderrPipe[0])
            throw error
        }
        var streams = Streams(input: input[...], stdin: stdinPipe[1], stderr: stderrPipe[0], limit: stderrLimit)
        defer { streams.closeAll() }
        let deadline = ContinuousClock.now + timeout
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) != pid {
            if cancellation.isSet || ContinuousClock.now >= deadline {
                // Its own process group: a script's children die with it and release the pipes.
                kill(-pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0, errno == EINTR {}
                return Outcome(termination: cancellation.isSet ? .cancelled : .timedOut, stderr: streams.stderrBytes)
            }
            streams.pump(waitingAtMost: 20)
            if streams.brokePipe {
                var immediately = timespec()
                _ = sigtimedwait(&pipeSignal, nil, &immediately)
                streams.brokePipe = false
            }
        }
        streams.drainStderr()
        let signal = status & 0x7F
        let termination: Termination = signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
        return Outcome(termination: termination, stderr: streams.stderrBytes)
    }

    private func spawn(stdin: Int32, stderr: Int32) throws(HookFailure) -> pid_t {
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        var result = fw_spawn(&pid, arguments[0], argv, envp, stdin, stderr)
        // "Text file busy": the program was just written, and a process forked elsewhere in the
        // meantime still holds it open for writing until it execs. That passes within moments.
        var attempts = 1
        while result == ETXTBSY, attempts < 20 {
            usleep(50_000)
            result = fw_spawn(&pid, arguments[0], argv, envp, stdin, stderr)
            attempts += 1
        }
        guard result == 0 else { throw cannotStart(result) }
        return pid
    }

    private func cannotStart(_ code: Int32) -> HookFailure {
        .cannotStart(program: arguments[0], reason: String(cString: strerror(code)))
    }
}

/// The parent's ends of the program's standard input and standard error, both non-blocking.
private struct Streams {
    var input: ArraySlice<UInt8>
    var stdin: Int32
    var stderr: Int32
    let limit: Int
    var stderrBytes: [UInt8] = []
    var brokePipe = false

    init(input: ArraySlice<UInt8>, stdin: Int32, stderr: Int32, limit: Int) {
        self.input = input
        self.stdin = stdin
        self.stderr = stderr
        self.limit = limit
        _ = fcntl(stdin, F_SETFL, O_NONBLOCK)
        _ = fcntl(stderr, F_SETFL, O_NONBLOCK)
        if input.isEmpty { closeStdin() }
    }

    /// Waits up to `milliseconds` for either stream, then writes what the program accepts and
    /// reads what it wrote.
    mutating func pump(waitingAtMost milliseconds: Int32) {
        var fds: [pollfd] = []
        if stderr >= 0 { fds.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
        if stdin >= 0 { fds.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
        _ = poll(&fds, nfds_t(fds.count), milliseconds)
        for entry in fds where entry.revents != 0 {
            if entry.fd == stderr { readStderr() } else if entry.fd == stdin { writeStdin() }
        }
    }

    /// What the program wrote before it exited (a child it left behind may hold the pipe open:
    /// only what is there now is read).
    mutating func drainStderr() {
        while stderr >= 0, readStderr() {}
    }

    /// - Returns: whether there may be more to read.
    @discardableResult
    private mutating func readStderr() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { read(stderr, $0.baseAddress, $0.count) }
        if count > 0 {
            // Read on past the limit, so the program never blocks on a full pipe.
            stderrBytes.append(contentsOf: chunk.prefix(max(0, min(count, limit - stderrBytes.count))))
            return true
        }
        if count < 0, errno == EINTR { return true }
        if count == 0 {
            close(stderr)
            stderr = -1
        }
        return false
    }

    private mutating func writeStdin() {
        let written = input.withUnsafeBytes { write(stdin, $0.baseAddress, $0.count) }
        if written > 0 {
            input = input.dropFirst(written)
            if input.isEmpty { closeStdin() }
        } else if written < 0, errno != EAGAIN, errno != EINTR {
            // EPIPE: the program does not read its input; what it does with the alert is its business.
            brokePipe = errno == EPIPE
            closeStdin()
        }
    }

    private mutating func closeStdin() {
        if stdin >= 0 { close(stdin) }
        stdin = -1
    }

    mutating func closeAll() {
        closeStdin()
        if stderr >= 0 { close(stderr) }
        stderr = -1
    }
}
