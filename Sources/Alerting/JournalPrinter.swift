import FeedModel
import Foundation

/// Prints each alert as its JSON line on standard output, which systemd sends to the journal.
/// Lines go straight to file descriptor 1 (no stdio buffering), so the journal sees each alert
/// when it is raised.
public enum JournalPrinter {
    public static func print(_ alerts: [Alert]) {
        var text = ""
        for alert in alerts {
            guard let line = try? AlertJSON.line(alert) else { continue }
            text += line + "\n"
        }
        var bytes = Array(text.utf8)[...]
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
