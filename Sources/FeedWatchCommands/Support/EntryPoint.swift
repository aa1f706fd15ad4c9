import ArgumentParser
import FeedModel
import Foundation

/// Runs a command with FeedWatch's exit statuses: 0 success, 1 runtime failure, 2 bad usage or
/// bad input, each failure reported as one line on standard error.
public enum EntryPoint {
    public static func run<Command: ParsableCommand>(_ command: Command.Type) async {
        // A file-size limit (`ulimit -f`, `LimitFSIZE=`) must fail a write with EFBIG, which the
        // alert log handles, not end the process.
        signal(SIGXFSZ, SIG_IGN)
        let arguments = Array(CommandLine.arguments.dropFirst())
        let name = Command.configuration.commandName ?? "feedwatch"
        if let unknown = UnknownVerb.message(root: Command.self, arguments: arguments) {
            FileHandle.standardError.write(Data("\(name): \(TerminalText.escaped(unknown))\n".utf8))
            exit(2)
        }
        do {
            var parsed = try Command.parseAsRoot(OptionalValue.normalised(Array(CommandLine.arguments.dropFirst())))
            if var asyncCommand = parsed as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try parsed.run()
            }
        } catch let failure as CommandFailure {
            let message = TerminalText.escaped(failure.message)
            FileHandle.standardError.write(Data("\(Command.configuration.commandName ?? "feedwatch"): \(message)\n".utf8))
            exit(failure.status)
        } catch {
            let code = Command.exitCode(for: error)
            if code == .success {
                Command.exit(withError: error)
            }
            // swift-argument-parser's usage errors exit 64 and print the usage after the message;
            // the FeedWatch contract says one line and exit 2.
            if code == .validationFailure {
                let help = UnknownVerb.knownPath(root: Command.self, arguments: arguments).joined(separator: " ")
                let message = oneLine(Command.message(for: error))
                let text = "\(name): \(message.isEmpty ? "bad usage" : message) (see `\(help) --help`)"
                FileHandle.standardError.write(Data(TerminalText.escaped(text).utf8 + [0x0A]))
                exit(2)
            }
            let message = oneLine(Command.message(for: error))
            if !message.isEmpty { FileHandle.standardError.write(Data("\(name): \(TerminalText.escaped(message))\n".utf8)) }
            exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }
}

/// The library's message on one line: its "Help:" lines and usage are dropped, line breaks joined.
private func oneLine(_ message: String) -> String {
    var text = message
    if text.hasPrefix("Error: ") { text.removeFirst("Error: ".count) }
    let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        .filter { !$0.isEmpty && !$0.hasPrefix("Help:") && !$0.hasPrefix("Usage:") && !$0.hasPrefix("See '") }
    return lines.joined(separator: "; ")
}

/// A failure to report in one line with a given exit status.
public struct CommandFailure: Error, CustomStringConvertible {
    public var message: String
    public var status: Int32

    /// Bad usage or bad input: nothing was changed (exit 2).
    public static func badInput(_ message: String) -> CommandFailure { CommandFailure(message: message, status: 2) }
    /// Something failed at run time (exit 1).
    public static func runtime(_ message: String) -> CommandFailure { CommandFailure(message: message, status: 1) }

    public var description: String { message }
}
