import AlertMessages
import Foundation

/// An alert as an e-mail (RFC 5322 with MIME): the title as the subject, the body as a plain-text
/// part and an HTML part (`multipart/alternative`), both UTF-8 in base64, CRLF line ends. The
/// `Message-ID` comes from the alert and the sink, so a delivery repeated after a crash is the
/// same message to a mail system that drops duplicates.
enum MailMessage {
    static func build(_ message: AlertMessage, alertID: String, sink: String, from: String, to: [String], date: Date) -> String {
        let domain = from.split(separator: "@").last.map(String.init) ?? "feedwatch.invalid"
        let boundary = "feedwatch-" + alertID.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(40)
        var lines = [
            "From: FeedWatch <\(from)>",
            "To: " + to.map { "<\($0)>" }.joined(separator: ", "),
            "Subject: " + encodedHeader(message.title),
            "Date: " + rfc5322Date(date),
            "Message-ID: <\(alertID).\(sink)@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
            "X-FeedWatch-Alert-Id: \(alertID)",
            "X-FeedWatch-Event: \(message.kind)",
            "",
        ]
        for (type, text) in [("text/plain", message.body + "\n"), ("text/html", message.html)] {
            lines += ["--\(boundary)", "Content-Type: \(type); charset=utf-8", "Content-Transfer-Encoding: base64", ""]
            lines += base64Lines(text)
        }
        lines += ["--\(boundary)--", ""]
        return lines.joined(separator: "\r\n")
    }

    /// ASCII as it is; anything else as RFC 2047 encoded words of at most 75 characters, folded.
    static func encodedHeader(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        if line.allSatisfy({ $0.isASCII && ($0.asciiValue ?? 0) >= 0x20 }), line.count <= 900 { return line }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in line {
            let bytes = Array(String(character).utf8)
            // 45 bytes make 60 base64 characters: 72 with "=?UTF-8?B?" and "?=".
            if chunk.count + bytes.count > 45, !chunk.isEmpty {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append(encodedWord(chunk)) }
        return words.joined(separator: "\r\n ")
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?" + Data(bytes).base64EncodedString() + "?="
    }

    private static func base64Lines(_ text: String) -> [String] {
        let encoded = Data(text.utf8).base64EncodedString()
        var lines: [String] = []
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines
    }

    /// `Mon, 23 Nov 2026 19:10:00 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }
}
