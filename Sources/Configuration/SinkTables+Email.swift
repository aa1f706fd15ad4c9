extension SinkTables {
    func email(_ table: TOMLTable, _ sink: Problem) throws(ConfigError) -> EmailTarget {
        guard let host = table["host"]?.string, !host.isEmpty,
              host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:".contains($0)) })
        else {
            throw sink.error("'host' is required for an email sink: the SMTP server's name, such as \"smtp.example.org\"")
        }
        var security = EmailTarget.Security.startTLS
        if let value = table["security"] {
            guard let name = value.string, let chosen = EmailTarget.Security(rawValue: name) else {
                throw sink.error("'security' must be \"starttls\" (the default), \"tls\" (implicit, smtps) or \"none\"")
            }
            security = chosen
        }
        var port: Int?
        if let value = table["port"] {
            guard let number = value.int, (1...65535).contains(number) else { throw sink.error("'port' must be a number from 1 to 65535") }
            port = number
        }
        guard let from = table["from"]?.string else { throw sink.error("'from' is required for an email sink: the sender's address") }
        try address(from, key: "from", sink)
        let to: [String]
        switch table["to"] {
        case .string(let single)?: to = [single]
        case .array?: to = try strings(table["to"] ?? .array([]), key: "to", sink)
        default: throw sink.error("'to' is required for an email sink: an address or a list of addresses")
        }
        guard !to.isEmpty, to.count <= 100 else { throw sink.error("'to' must hold 1 to 100 addresses") }
        for recipient in to { try address(recipient, key: "to", sink) }
        var target = EmailTarget(host: host, port: port, security: security, from: from, to: to)
        if let value = table["username"] {
            guard let username = value.string, !username.isEmpty, !username.contains(where: { $0.isNewline || $0 == "\0" }) else {
                throw sink.error("'username' must be a non-empty string on one line")
            }
            target.username = username
        }
        target.password = try credential(table, key: "password", sink)
        if target.password != nil, target.username == nil {
            throw sink.error("a password needs a 'username'")
        }
        if let value = table["ca_file"] {
            guard let file = value.string, file.hasPrefix("/") else { throw sink.error("'ca_file' must be an absolute path to a PEM file") }
            target.caFile = file
        }
        return target
    }

    /// `local@domain` in ASCII, nothing that could end a header or an SMTP command.
    private func address(_ text: String, key: String, _ sink: Problem) throws(ConfigError) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              text.allSatisfy({ $0.isASCII && !$0.isWhitespace && !"<>,;\"()\\[]".contains($0) && ($0.asciiValue ?? 0) >= 0x21 })
        else {
            throw sink.error("'\(key)' must be plain addresses such as \"alerts@example.org\", not \"\(text)\"")
        }
    }
}
