import Foundation
import Subprocess
import SystemPackage

/// One run of a hook's program through swift-subprocess: the argument vector exactly as given
/// (no shell, no `PATH` search: the first element is the program's path), bytes on its standard
/// input, standard output discarded, the start of its standard error kept, and a deadline after
/// which it is killed together with its process group.
///
/// Nothing here blocks a thread while the program runs: swift-subprocess starts it on a worker
/// thread of its own, learns of its end from a pidfd watched by its epoll thread, and reads and
/// writes the pipes non-blocking, suspending the task in between. Those tasks run on
/// `HookExecutor`'s thread rather than the cooperative pool, and the deadline is kept by a thread
/// of its own (`Deadline`), so a busy pool delays neither. Cancelling the task kills the process
/// group through swift-subprocess's teardown.
///
/// The program starts with every signal at its default and none blocked, without any other
/// descriptor of the daemon, in a process group of its own, so that killing the group also
/// kills what a script started in the background and releases the pipes it holds.
struct HookProgram: Sendable {
    enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
        case timedOut
        case cancelled
    }

    struct Outcome: Sendable {
        var termination: Termination
        /// The first bytes the program wrote to standard error (at most `stderrLimit`).
        var stderr: [UInt8]
    }

    let arguments: [String]
    /// Changes to the daemon's environment: a value sets a variable, nil removes it.
    let environmentChanges: [String: String?]
    let input: [UInt8]
    let timeout: Duration
    var stderrLimit = 4096

    /// Runs the program to its end, or to the timeout, or until the task is cancelled (the daemon
    /// is stopping); either of the last two kills it and its process group and waits for it.
    func run() async throws(HookFailure) -> Outcome {
        try await withTaskExecutorPreference(HookExecutor.shared) { () async throws(HookFailure) -> Outcome in
            try await runRetryingWhileBusy()
        }
    }

    private func runRetryingWhileBusy() async throws(HookFailure) -> Outcome {
        _ = Self.brokenPipesFailWrites
        var attempts = 1
        while true {
            // A delivery begun while the daemon is stopping starts nothing.
            guard !Task.isCancelled else { throw .cancelled }
            switch await runOnce() {
            case .ended(let outcome):
                return outcome
            case .cannotStart(let error) where error.isTextFileBusy && attempts < 20:
                // "Text file busy": the program was just written, and a process forked elsewhere in
                // the meantime still holds it open for writing until it execs. That passes within moments.
                attempts += 1
                try? await Task.sleep(for: .milliseconds(50))
            case .cannotStart(let error):
                throw .cannotStart(program: arguments[0], reason: reason(error))
            }
        }
    }

    private enum Attempt {
        case ended(Outcome)
        case cannotStart(any Error)
    }

    private func runOnce() async -> Attempt {
        do {
            let (status, stderr, timedOut) = try await spawnAndWait()
            if timedOut { return .ended(Outcome(termination: .timedOut, stderr: stderr)) }
            switch status {
            case .exited(let code):
                // Ended by itself, even if the daemon began stopping meanwhile: its status stands.
                return .ended(Outcome(termination: .exited(code), stderr: stderr))
            case .signaled(let signal):
                // Killed by the teardown when the daemon is stopping, or by something else.
                return .ended(Outcome(termination: Task.isCancelled ? .cancelled : .signalled(signal), stderr: stderr))
            }
        } catch {
            // Neither the standard input nor the standard error reader throws: what fails is
            // starting the program (or watching it, which swift-subprocess also reports here).
            return Task.isCancelled ? .ended(Outcome(termination: .cancelled, stderr: [])) : .cannotStart(error)
        }
    }

    private func spawnAndWait() async throws -> (TerminationStatus, stderr: [UInt8], timedOut: Bool) {
        var options = PlatformOptions()
        // A process group of its own, whose id is the program's pid: what the kills aim at.
        options.processGroupID = 0
        // When the task is cancelled (the daemon is stopping): SIGKILL to the whole group at once;
        // swift-subprocess repeats the kill after a second if the program is somehow still there.
        options.teardownSequence = [.send(signal: .kill, toProcessGroup: true, allowedDurationToNextStep: .seconds(1))]
        var changes: [Environment.Key: String?] = [:]
        for (name, value) in environmentChanges {
            // A C environment ends a value at its first NUL, as the program would have read it.
            let value = value.map { String($0.prefix { $0 != "\0" }) }
            changes.updateValue(value, forKey: Environment.Key(stringLiteral: name))
        }
        let limit = stderrLimit
        let timeout = timeout
        let result = try await Subprocess.run(
            .path(FilePath(arguments[0])),
            arguments: Arguments(executablePathOverride: arguments[0], remainingValues: Array(arguments.dropFirst())),
            environment: .inherit.updating(changes),
            platformOptions: options,
            input: HookInput(bytes: input),
            output: .discarded,
            error: .sequence
        ) { execution in
            // swift-subprocess reaps the program only once this closure returns, so the deadline's
            // kill can never reach a process group whose id was reused.
            async let timedOut = Deadline.keep(for: execution.processIdentifier, timeout: timeout)
            var kept: [UInt8] = []
            do {
                for try await buffer in execution.standardError where kept.count < limit {
                    buffer.withUnsafeBytes { kept.append(contentsOf: $0.prefix(limit - kept.count)) }
                }
            } catch {
                // A failed read of the pipe only shortens what the failure quotes.
            }
            return (kept, await timedOut)
        }
        return (result.terminationStatus, result.closureResult.0, result.closureResult.1)
    }

    private func reason(_ error: any Error) -> String {
        guard let error = error as? SubprocessError else { return "\(error)" }
        if error.code == .executableNotFound {
            // swift-subprocess reports a missing and a non-executable file alike; say which.
            let code = access(arguments[0], X_OK) == 0 ? EACCES : errno
            return String(cString: strerror(code))
        }
        if let underlying = error.underlyingError { return String(cString: strerror(underlying.rawValue)) }
        return error.description
    }

    /// A program that exits without reading its input makes the write to its standard input fail.
    /// swift-subprocess writes from whichever pool thread runs the task, so SIGPIPE cannot be
    /// blocked on one thread: it is ignored process-wide (as systemd starts services anyway), and
    /// the write fails with EPIPE. Programs still start with SIGPIPE at its default.
    private static let brokenPipesFailWrites: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()
}

/// The alert on the program's standard input. Sent once; a program that exits or closes its input
/// without reading it all is not a failure by itself: its exit status decides.
private struct HookInput: InputProtocol {
    let bytes: [UInt8]

    func write(with writer: StandardInputWriter) async throws {
        do {
            _ = try await writer.write(bytes)
        } catch {
            // EPIPE: the program does not read its input; what it does with the alert is its business.
        }
    }
}

extension Error {
    fileprivate var isTextFileBusy: Bool {
        guard let error = self as? SubprocessError else { return false }
        return error.code == .spawnFailed && error.underlyingError?.rawValue == ETXTBSY
    }
}
