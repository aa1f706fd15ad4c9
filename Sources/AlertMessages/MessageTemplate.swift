import Mustache

/// A Mustache template of a sink's message (`title`, `body` or a webhook's body), parsed once
/// when the config is read so that a mistake is a config error, never a failed delivery.
///
/// Values are escaped for where the text goes: not at all in plain text (`.text`), as HTML
/// (`.html`), or as the inside of a JSON string (`.json`, for a webhook body such as
/// `{"text": "{{title}}"}`). Partials are not available: a template is one string of the config.
public struct MessageTemplate: Sendable, Equatable, CustomStringConvertible {
    public enum Output: String, Sendable, Equatable {
        case text = "TEXT"
        case html = "HTML"
        case json = "JSON"
    }

    /// The template as written in the config.
    public let source: String
    public let output: Output
    private let template: MustacheTemplate

    /// - Throws: the problem with its line and column in `source`.
    public init(_ source: String, output: Output = .text) throws(TemplateError) {
        OutputEscaping.registerOnce()
        do {
            // Parsed as written first, so positions in an error are the user's own.
            _ = try MustacheTemplate(string: source)
            template = try MustacheTemplate(string: "{{%CONTENT_TYPE:\(output.rawValue)}}" + source)
        } catch let error as MustacheTemplate.ParserError {
            throw TemplateError(
                line: error.context.lineNumber, column: error.context.columnNumber, problem: Self.describe(error.error))
        } catch {
            throw TemplateError(line: 1, column: 1, problem: Self.describe(error))
        }
        self.source = source
        self.output = output
    }

    /// The text for these values (see `AlertContext` for what a template can name).
    public func render(_ context: [String: Any]) -> String {
        template.render(context)
    }

    public var description: String { source }

    public static func == (lhs: MessageTemplate, rhs: MessageTemplate) -> Bool {
        lhs.source == rhs.source && lhs.output == rhs.output
    }

    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "not a valid template" }
        return switch error {
        case .sectionCloseNameIncorrect: "a section is closed with another name than it was opened with"
        case .unfinishedName: "a tag is not finished (missing '}}'?)"
        case .expectedSectionEnd: "a section is opened but never closed ({{/name}})"
        case .invalidSetDelimiter: "a delimiter change ({{=<% %>=}}) is malformed"
        case .transformAppliedToInheritanceSection, .illegalTokenInsideInheritSection, .textInsideInheritSection:
            "template inheritance is not available in a sink's template"
        case .invalidConfigVariableSyntax: "a pragma ({{% ... }}) is malformed"
        case .unrecognisedConfigVariable: "unknown pragma (only CONTENT_TYPE: TEXT, HTML or JSON)"
        }
    }
}

/// Where a template is wrong, in words for a config error.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var problem: String

    public var description: String { "line \(line), column \(column): \(problem)" }
}

/// The escaping of values by output, registered with the Mustache library once per process.
enum OutputEscaping {
    private static let registration: Void = {
        MustacheContentTypes.register(JSONStringContent(), named: "JSON")
    }()

    static func registerOnce() { registration }
}

/// A value inside a JSON string: quotes, backslashes and control characters escaped.
struct JSONStringContent: MustacheContentType {
    func escapeText(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case "\u{2028}": escaped += "\\u2028"
            case "\u{2029}": escaped += "\\u2029"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                escaped += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
