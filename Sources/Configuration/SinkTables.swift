import AlertMessages
import FeedModel
import Foundation

/// Reads the `[[sink]]` tables of a config file. Every problem is one error naming the sink (by
/// its name, else its position) and what to change.
struct SinkTables {
    /// The config file, for messages; `secret_file` paths are relative to its directory.
    let path: String
    /// Where `*_env` credentials are read from.
    var environment: [String: String] = [:]

    func read(_ value: TOMLValue) throws(ConfigError) -> [SinkSettings] {
        guard let array = value.array else {
            throw .invalidValue(path: path, key: "sink", expected: "an array of tables, each starting with [[sink]]")
        }
        var sinks: [SinkSettings] = []
        for (index, element) in array.enumerated() {
            guard let table = element.table else {
                throw .invalidValue(path: path, key: "sink", expected: "an array of tables, each starting with [[sink]]")
            }
            let sink = try read(table, position: index + 1)
            if sinks.contains(where: { $0.name == sink.name }) {
                throw .sink(path: path, sink: "'\(sink.name)'", problem: "another sink has this name; names must be unique")
            }
            sinks.append(sink)
        }
        return sinks
    }

    private func read(_ table: TOMLTable, position: Int) throws(ConfigError) -> SinkSettings {
        guard let name = table["name"]?.string, !name.isEmpty else {
            throw .sink(path: path, sink: "#\(position)", problem: "'name' is required (a string such as \"pager\")")
        }
        let sink = Problem(path: path, label: "'\(name)'")
        guard name.count <= 64, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) else {
            throw sink.error("'name' may hold only letters, digits, '-', '_' and '.' (at most 64)")
        }
        let type = table["type"]?.string
        let allowed: Set<String>
        let target: SinkSettings.Target
        switch type {
        case "exec":
            allowed = ["command"]
            target = .exec(command: try command(table, sink))
        case "webhook":
            allowed = ["url", "secret", "secret_file", "secret_env", "headers", "payload", "content_type"]
            target = .webhook(try webhook(table, sink))
        case "ntfy":
            allowed = ["server", "topic", "token", "token_file", "token_env", "priority", "tags"]
            target = .ntfy(try ntfy(table, sink))
        case "email":
            allowed = ["host", "port", "security", "username", "password", "password_file", "password_env", "from", "to", "ca_file"]
            target = .email(try email(table, sink))
        case "slack":
            allowed = ["webhook_url", "webhook_url_file", "webhook_url_env"]
            target = .slack(try slack(table, sink))
        case "discord":
            allowed = ["webhook_url", "webhook_url_file", "webhook_url_env"]
            target = .discord(try discord(table, sink))
        case "matrix":
            allowed = ["homeserver", "room", "token", "token_file", "token_env"]
            target = .matrix(try matrix(table, sink))
        case "telegram":
            allowed = ["token", "token_file", "token_env", "chat_id", "api_url"]
            target = .telegram(try telegram(table, sink))
        default:
            throw sink.error("'type' must be one of \(SinkSettings.types.map { "\"\($0)\"" }.joined(separator: ", "))")
        }
        for key in table.keys where !(["name", "type", "timeout", "kinds", "trackers", "feed_tags", "tracker_tags", "title", "body", "digest", "max_per_hour", "quiet_hours", "time_zone"] + allowed).contains(key) {
            throw sink.error("unknown key '\(key)' for a sink of type \"\(type ?? "")\"")
        }
        var settings = SinkSettings(name: name, target: target)
        if let value = table["timeout"] {
            guard let text = value.string, let timeout = DurationText.parse(text), timeout >= .seconds(1), timeout <= .seconds(600) else {
                throw sink.error("'timeout' must be a duration from \"1s\" to \"10m\", such as \"30s\"")
            }
            settings.timeout = timeout
        }
        if let value = table["kinds"] {
            let names = try strings(value, key: "kinds", sink)
            let known = AlertKind.allCases.map(\.rawValue)
            for name in names where AlertKind(rawValue: name) == nil {
                throw sink.error("unknown alert kind '\(name)' in 'kinds' (known: \(known.joined(separator: ", ")))")
            }
            settings.kinds = Set(names.compactMap(AlertKind.init(rawValue:)))
        }
        if let value = table["trackers"] {
            settings.trackers = Set(try strings(value, key: "trackers", sink))
        }
        if let value = table["feed_tags"] {
            settings.feedTags = Set(try strings(value, key: "feed_tags", sink))
        }
        if let value = table["tracker_tags"] {
            settings.trackerTags = Set(try strings(value, key: "tracker_tags", sink))
        }
        settings.policy = try policy(table, sink)
        settings.message = MessageRenderer(
            title: try template(table, key: "title", output: .text, sink), body: try template(table, key: "body", output: .text, sink))
        return settings
    }

    private func command(_ table: TOMLTable, _ sink: Problem) throws(ConfigError) -> [String] {
        guard let value = table["command"] else {
            throw sink.error("'command' is required for an exec sink: the program and its arguments, such as [\"/usr/local/bin/notify\", \"--urgent\"]")
        }
        let command = try strings(value, key: "command", sink)
        guard let program = command.first, program.hasPrefix("/") else {
            throw sink.error("the first element of 'command' must be an absolute path to a program (no shell runs it)")
        }
        return command
    }

    private func webhook(_ table: TOMLTable, _ sink: Problem) throws(ConfigError) -> WebhookTarget {
        guard let url = table["url"]?.string else {
            throw sink.error("'url' is required for a webhook sink, such as \"https://hooks.example/feedwatch\"")
        }
        try httpURL(url, key: "url", sink)
        var target = WebhookTarget(url: url)
        target.secret = try credential(table, key: "secret", sink)?.value
        if let value = table["headers"] {
            guard let headers = value.table else {
                throw sink.error("'headers' must be a table of strings, such as { Authorization = \"Bearer …\" }")
            }
            for name in headers.keys {
                guard let headerValue = headers[name]?.string, !headerValue.contains(where: \.isNewline) else {
                    throw sink.error("header '\(name)' must be a string on one line")
                }
                guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "!#$%&'*+-.^_`|~".contains($0)) }) else {
                    throw sink.error("'\(name)' is not a valid HTTP header name")
                }
                let lowered = name.lowercased()
                guard !lowered.hasPrefix("x-feedwatch-"), !["content-type", "content-length", "host", "transfer-encoding", "expect"].contains(lowered) else {
                    throw sink.error("header '\(name)' is set by FeedWatch and cannot be configured")
                }
                target.headers[name] = headerValue
            }
        }
        if let value = table["content_type"] {
            guard let type = value.string, !type.isEmpty, type.allSatisfy({ $0.isASCII && !$0.isNewline }) else {
                throw sink.error("'content_type' must be a media type on one line, such as \"application/json\"")
            }
            target.contentType = type
        }
        let json = target.contentType.lowercased().hasPrefix("application/json") || target.contentType.lowercased().hasSuffix("+json")
        target.payload = try template(table, key: "payload", output: json ? .json : .text, sink)
        if table["content_type"] != nil, target.payload == nil {
            throw sink.error("'content_type' applies to a 'payload' template; without one the body is the alert's JSON")
        }
        return target
    }

    /// A Mustache template, checked now so that a mistake is a config error and not a failed delivery.
    func template(_ table: TOMLTable, key: String, output: MessageTemplate.Output, _ sink: Problem) throws(ConfigError) -> MessageTemplate? {
        guard let value = table[key] else { return nil }
        guard let source = value.string, !source.isEmpty else { throw sink.error("'\(key)' must be a non-empty template string") }
        do {
            return try MessageTemplate(source, output: output)
        } catch {
            throw sink.error("template '\(key)', \(error)")
        }
    }

    func strings(_ value: TOMLValue, key: String, _ sink: Problem) throws(ConfigError) -> [String] {
        guard let array = value.array else { throw sink.error("'\(key)' must be an array of strings") }
        var strings: [String] = []
        for element in array {
            guard let string = element.string, !string.isEmpty else {
                throw sink.error("'\(key)' must be an array of non-empty strings")
            }
            strings.append(string)
        }
        return strings
    }

    /// Builds the errors of one sink.
    struct Problem {
        let path: String
        let label: String
        func error(_ problem: String) -> ConfigError { .sink(path: path, sink: label, problem: problem) }
    }
}
