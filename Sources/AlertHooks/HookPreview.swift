import AlertMessages
import FeedFetching
import Foundation

/// What a hook would send for one alert, for `feedwatch hooks preview`: the message as rendered
/// and what goes on the wire, with every credential of the sink shown as `[secret]`.
public struct HookPreview: Sendable, Equatable {
    public var message: AlertMessage
    /// The request (method, URL, headers, body), the e-mail or the program's input, as text.
    public var wire: String

    public init(message: AlertMessage, wire: String, secrets: [String]) {
        self.message = message
        self.wire = Redaction(secrets: secrets).apply(to: wire)
    }

    /// An HTTP request as text: `POST URL`, its headers in name order, a blank line, the body.
    /// The values of `hiddenHeaders` (configured headers, which may hold tokens) are not shown.
    public init(message: AlertMessage, request: FetchRequest, secrets: [String], hiddenHeaders: Set<String> = []) {
        var text = "\(request.method.rawValue) \(request.url)\n"
        for name in request.headers.keys.sorted() {
            text += "\(name): \(hiddenHeaders.contains(name) ? "[secret]" : request.headers[name] ?? "")\n"
        }
        text += "\n" + String(decoding: request.body, as: UTF8.self)
        self.init(message: message, wire: text, secrets: secrets)
    }
}

/// Replaces a sink's credentials in text that leaves the daemon (logs, `status`, errors,
/// previews), wherever they occur.
public struct Redaction: Sendable, Equatable {
    public let secrets: [String]

    public init(secrets: [String]) {
        // Longest first, so a secret that contains another is replaced whole.
        self.secrets = Set(secrets.filter { !$0.isEmpty }).sorted { $0.count > $1.count }
    }

    public func apply(to text: String) -> String {
        var text = text
        for secret in secrets where text.contains(secret) {
            text = text.replacingOccurrences(of: secret, with: "[secret]")
        }
        return text
    }
}
