/// Renders an alert's title and body from a sink's templates, or the defaults of its kind.
///
/// Rendering never fails: a name the alert does not have renders as nothing, and whatever is
/// in the alert's text reaches the message as text (escaped for HTML in `html`).
public struct MessageRenderer: Sendable, Equatable {
    public var title: MessageTemplate?
    public var body: MessageTemplate?
    /// `body` again, escaping for HTML.
    private var htmlBody: MessageTemplate?

    public init(title: MessageTemplate? = nil, body: MessageTemplate? = nil) {
        self.title = title
        self.body = body
        htmlBody = body.flatMap { try? MessageTemplate($0.source, output: .html) }
    }

    /// - Parameter json: the alert as the log holds it.
    public func message(forAlertJSON json: String) -> AlertMessage {
        var context = AlertContext.values(fromAlertJSON: json)
        return message(context: &context)
    }

    /// The message, leaving `title` and `body` (the rendered text) in `context` for templates
    /// that build on them, such as a webhook's body.
    public func message(context: inout [String: Any]) -> AlertMessage {
        let kind = context["kind"] as? String ?? "alert"
        // A digest has a layout of its own; the sink's templates shaped each alert inside it.
        let own = kind != Self.digestKind
        let titleText = Self.oneLine(((own ? title : nil) ?? DefaultTemplates.title(for: kind))?.render(context) ?? kind)
        context["title"] = titleText
        let bodyText = Self.tidy(((own ? body : nil) ?? DefaultTemplates.body(for: kind))?.render(context) ?? titleText)
        let htmlTemplate = own && body != nil ? htmlBody : DefaultTemplates.body(for: kind, output: .html)
        let htmlText = Self.tidy(htmlTemplate?.render(context) ?? "")
        context["body"] = bodyText
        let link = context["link"] as? String
        return AlertMessage(kind: kind, title: titleText, body: bodyText, html: Self.html(title: titleText, body: htmlText, link: link), link: link)
    }

    /// The kind of a message that gathers several alerts.
    public static let digestKind = "digest"

    /// Runs of white space (line breaks included) as one space, no space at the ends.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Trailing spaces and empty lines gone (a value that was absent leaves no gap).
    static func tidy(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { line in String(line.reversed().drop(while: \.isWhitespace).reversed()) }
            .filter { !$0.allSatisfy(\.isWhitespace) }
            .joined(separator: "\n")
    }

    /// A small HTML document: the title as a heading, the body's lines, and the link.
    static func html(title: String, body: String, link: String?) -> String {
        let escapedTitle = HTMLEscaping.escape(title)
        var document = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(escapedTitle)</title></head><body>\n"
        document += "<h3>\(escapedTitle)</h3>\n<p>" + body.split(separator: "\n").joined(separator: "<br>\n") + "</p>\n"
        if let link {
            let escaped = HTMLEscaping.escape(link)
            document += "<p><a href=\"\(escaped)\">\(escaped)</a></p>\n"
        }
        return document + "</body></html>\n"
    }
}

/// Text as HTML character data or an attribute value.
public enum HTMLEscaping {
    public static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
