import AlertMessages
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
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in environmentChanges(for: delivery, message: message) { environment[name] = value }
        let variables = environment.filter { $0.key.hasPrefix("FEEDWATCH_") }.map { "\($0.key)=\($0.value)" }.sorted()
        let wire = "run: \(command)\n" + variables.map { "env \($0)" }.joined(separator: "\n") + "\nstdin: \(delivery.json)\n"
        return HookPreview(message: message, wire: wire, secrets: [])
    }

    public func deliver(_ delivery: HookDelivery) async throws(HookFailure) {
        let program = HookProgram(
            arguments: command,
            environmentChanges: environmentChanges(for: delivery, message: messages.message(forAlertJSON: delivery.json)),
            input: Array((delivery.json + "\n").utf8), timeout: timeout)
        let outcome = try await program.run()
        let stderr = HookFailure.firstLine(of: outcome.stderr)
        switch outcome.termination {
        case .exited(0): return
        case .exited(let status): throw .exited(status: status, stderr: stderr)
        case .signalled(let signal): throw .killedBySignal(signal, stderr: stderr)
        case .timedOut: throw .timedOut(timeout)
        case .cancelled: throw .cancelled
        }
    }

    /// What the program's environment changes from the daemon's: without what belongs to the
    /// daemon alone (its systemd notification socket and watchdog), plus the alert's variables
    /// (nil removes one, such as an inherited `FEEDWATCH_TRACKER` on an alert without a tracker).
    private func environmentChanges(for delivery: HookDelivery, message: AlertMessage) -> [String: String?] {
        [
            "NOTIFY_SOCKET": nil, "WATCHDOG_USEC": nil, "WATCHDOG_PID": nil,
            "FEEDWATCH_TITLE": message.title,
            "FEEDWATCH_BODY": message.body,
            "FEEDWATCH_ALERT_ID": delivery.alertID,
            "FEEDWATCH_ALERT_KIND": delivery.kind,
            "FEEDWATCH_TRACKER": delivery.tracker,
            "FEEDWATCH_SINK": sink,
        ]
    }
}
