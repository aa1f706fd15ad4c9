import FeedModel

extension SinkTables {
    func ntfy(_ table: TOMLTable, _ sink: Problem) throws(ConfigError) -> NtfyTarget {
        let server = table["server"]?.string ?? "https://ntfy.sh"
        try httpURL(server, key: "server", sink)
        guard let topic = table["topic"]?.string else {
            throw sink.error("'topic' is required for an ntfy sink, such as \"feedwatch-alerts\"")
        }
        guard (1...64).contains(topic.count), topic.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw sink.error("'topic' may hold only letters, digits, '-' and '_' (1 to 64)")
        }
        var target = NtfyTarget(server: server, topic: topic, token: try credential(table, key: "token", sink))
        if let value = table["priority"] {
            guard let priorities = value.table else {
                throw sink.error("'priority' must be a table of alert kinds, such as { \"feed.failing\" = 5, \"feed.recovered\" = \"low\" }")
            }
            for name in priorities.keys {
                guard let kind = AlertKind(rawValue: name) else {
                    throw sink.error("unknown alert kind '\(name)' in 'priority' (known: \(AlertKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                guard let priority = priorities[name].flatMap(Self.ntfyPriority) else {
                    throw sink.error("the priority of '\(name)' must be 1 to 5 or min, low, default, high, max")
                }
                target.priorities[kind] = priority
            }
        }
        if let value = table["tags"] {
            let tags = try strings(value, key: "tags", sink)
            guard tags.allSatisfy({ $0.count <= 64 && $0.allSatisfy { $0.isASCII && !$0.isNewline && $0 != "," } }) else {
                throw sink.error("'tags' must be short ASCII words without commas, such as [\"news\", \"rotating_light\"]")
            }
            target.tags = tags
        }
        return target
    }

    /// ntfy's priorities: 1 to 5, or their names.
    private static func ntfyPriority(_ value: TOMLValue) -> Int? {
        if let number = value.int { return (1...5).contains(number) ? number : nil }
        return ["min": 1, "low": 2, "default": 3, "high": 4, "max": 5, "urgent": 5][value.string ?? ""]
    }
}
