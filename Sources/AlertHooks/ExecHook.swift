import AlertMessages
import FeedModel
import Foundation

/// Delivers an alert by running a program: `command` as its argument vector (never a shell),
/// the alert's JSON line on standard input, and `FEEDWATCH_ALERT_ID`, `FEEDWATCH_ALERT_KIND`,
/// `FEEDWATCH_TRACKER` (when the alert has one), `FEEDWATCH_SINK` and the rendered message
/// (`FEEDWATCH_TITLE`, `FEEDWATCH_BODY`) in its environment.
/// Exit status 0 means delivered; any other status, a signal or running past `timeout` (the
/// program and its process group are then killed) is a failure quoting its standard error.
public struct ExecHook: AlertHook {
    public let sink: String
    public let command: [String]
    public let timeout: Duration
    let messages: MessageRenderer

    public init(sink: String, command: [String], timeout: Duration, messages: MessageRenderer = MessageRenderer()) {
        self.sink = sink
        self.command = command
        self.timeout = timeout
        self.messages = messages
    }

    public func preview(_ delivery: HookDelivery) -> HookPreview {
        let message = messages.message(forAlertJSON: delivery.json)
        let variables = environment(for: delivery, message: message).filter { $0.hasPrefix("FEEDWATCH_") }.sorted()
        let wire = "run: \(command)\n" + variables.map { "env \($0)" }.joined(separator: "\n") + "\nstdin: \(delivery.json)\n"
        return HookPreview(message: message, wire: wire, secrets: [])
    }

    public func deliver(_ delivery: HookDelivery) async throws(HookFailure) {
        let process = ChildProcess(
            arguments: command, environment: environment(for: delivery, message: messages.message(forAlertJSON: delivery.json)), input: Array((delivery.json + "\n").utf8),
            timeout: timeout, cancellation: StopFlag())
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<ChildProcess.Outcome, HookFailure>, Never>) in
                // Waiting for a program must not hold one of the few cooperative threads.
                let thread = Thread {
                    do throws(HookFailure) {
                        continuation.resume(returning: .success(try process.run()))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
                thread.name = "feedwatch-hook"
                thread.start()
            }
        } onCancel: {
            process.cancellation.set()
        }
        let outcome = try result.get()
        let stderr = HookFailure.firstLine(of: outcome.stderr)
        switch outcome.termination {
        case .exited(0): return
        case .exited(let status): throw .exited(status: status, stderr: stderr)
        case .signalled(let signal): throw .killedBySignal(signal, stderr: stderr)
        case .timedOut: throw .timedOut(timeout)
        case .cancelled: throw .cancelled
        }
    }

    /// The daemon's environment, without what belongs to the daemon alone (its systemd
    /// notification socket and watchdog), plus the alert's variables.
    private func environment(for delivery: HookDelivery, message: AlertMessage) -> [String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "FEEDWATCH_TRACKER"] { environment[name] = nil }
        environment["FEEDWATCH_TITLE"] = message.title
        environment["FEEDWATCH_BODY"] = message.body
        environment["FEEDWATCH_ALERT_ID"] = delivery.alertID
        environment["FEEDWATCH_ALERT_KIND"] = delivery.kind
        environment["FEEDWATCH_TRACKER"] = delivery.tracker
        environment["FEEDWATCH_SINK"] = sink
        return environment.map { "\($0.key)=\($0.value)" }
    }
}
