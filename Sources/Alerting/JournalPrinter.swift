import FeedModel
import Foundation

/// Prints each alert as its JSON line on standard output, which systemd sends to the journal.
/// Lines go straight to file descriptor 1 (no stdio buffering), so the journal sees each alert
/// when it is raised.
public enum JournalPrinter {
    public static func print(_ alerts: [EncodedAlert]) {
        var text: [UInt8] = []
        for alert in alerts {
            text.append(contentsOf: alert.line.utf8)
            text.append(0x0A)
        }
        var bytes = text[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
