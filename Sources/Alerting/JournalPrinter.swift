import FeedModel
import Foundation

/// Prints each alert as its JSON line on standard output, which systemd sends to the journal
/// (or, for a CLI verb that raises alerts, on standard error, beside its diagnostics).
/// Lines go straight to the file descriptor (no stdio buffering), so the journal sees each alert
/// when it is raised.
public enum JournalPrinter {
    /// Where the lines go.
    public enum Stream: Sendable, Equatable {
        case standardOutput
        case standardError

        var descriptor: Int32 { self == .standardOutput ? STDOUT_FILENO : STDERR_FILENO }
    }

    public static func print(_ alerts: [EncodedAlert], to stream: Stream = .standardOutput) {
        var text: [UInt8] = []
        for alert in alerts {
            text.append(contentsOf: alert.line.utf8)
            text.append(0x0A)
        }
        var bytes = text[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(stream.descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
