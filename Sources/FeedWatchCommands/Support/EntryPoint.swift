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
            let message = Command.fullMessage(for: error)
            // swift-argument-parser's usage errors exit 64; the FeedWatch contract says 2.
            if code == .validationFailure {
                FileHandle.standardError.write(Data((message.isEmpty ? "bad usage" : message).utf8 + [0x0A]))
                exit(2)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data("\(message)\n".utf8)) }
            exit(code.rawValue == 0 ? 1 : code.rawValue)
        }
    }
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
