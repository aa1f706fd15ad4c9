import AlertMessages
import Configuration
import FeedFetching
import Foundation

/// A Matrix `m.room.message` (`m.text`, with an HTML `formatted_body`), sent with
/// `PUT /_matrix/client/v3/rooms/{room}/send/m.room.message/{txnId}`. The transaction id comes
/// from the alert, so the homeserver keeps one event however often a delivery is repeated.
struct MatrixFormat: ChatFormat {
    let target: MatrixTarget

    struct Payload: Encodable {
        var msgtype = "m.text"
        var body: String
        var format = "org.matrix.custom.html"
        var formattedBody: String

        enum CodingKeys: String, CodingKey {
            case msgtype, body, format
            case formattedBody = "formatted_body"
        }
    }

    var secrets: [String] { [target.token.value] }

    func request(for message: AlertMessage, delivery: HookDelivery, timeout: Duration) -> FetchRequest {
        let html = "<b>\(HTMLEscaping.escape(message.title))</b><br>"
            + message.body.split(separator: "\n").map { HTMLEscaping.escape(String($0)) }.joined(separator: "<br>")
        let payload = Payload(body: message.title + "\n" + message.body, formattedBody: html)
        let transaction = "feedwatch-" + Self.pathSegment(delivery.alertID)
        let base = target.homeserver.hasSuffix("/") ? String(target.homeserver.dropLast()) : target.homeserver
        let url = base + "/_matrix/client/v3/rooms/\(Self.pathSegment(target.room))/send/m.room.message/\(transaction)"
        var headers = ChatJSON.headers
        headers["Authorization"] = "Bearer " + target.token.value
        return .put(url: url, body: ChatJSON.body(payload), headers: headers, timeout: timeout)
    }

    /// Everything but unreserved characters percent-encoded (a room id holds `!` and `:`).
    static func pathSegment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
