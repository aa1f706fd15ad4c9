import ArticleText
import Foundation

/// A feed an HTML page announces: `<link rel="alternate" type="application/rss+xml" href=…>`.
public struct DiscoveredFeed: Sendable, Equatable, Codable {
    /// Absolute, resolved against the page's URL.
    public var url: String
    public var title: String?
    /// The announced media type, lowercased, without parameters.
    public var type: String
}

/// Finds the feeds a web page links in its head, as browsers and feed readers do.
///
/// HTML is not XML: this reads `<link>` tags with a small tolerant scanner (any letter case,
/// quoted or bare attribute values, comments, scripts and styles skipped) up to `</head>` or
/// `<body>`, in at most the first megabyte. Nothing in the page can make it trap or loop.
public enum FeedDiscovery {
    /// The feed types announced with `rel="alternate"`.
    static let feedTypes: Set<String> = [
        "application/rss+xml", "application/atom+xml", "application/feed+json", "application/json",
        "application/rdf+xml", "application/x-rss+xml", "application/x-atom+xml", "text/xml", "application/xml",
    ]
    static let scanLimit = 1 << 20
    static let maximumFeeds = 50

    /// Each feed once, in the page's order; `pageURL` resolves relative `href`s (an `http(s)`
    /// page may only point at `http(s)` feeds).
    public static func feeds(in bytes: [UInt8], pageURL: String) -> [DiscoveredFeed] {
        var found: [DiscoveredFeed] = []
        var scanner = TagScanner(bytes: bytes.prefix(scanLimit))
        while found.count < maximumFeeds, let tag = scanner.nextTag() {
            if tag.name == "body" || tag.name == "/head" { break }
            guard tag.name == "link" else { continue }
            let rel = tag.attributes["rel"]?.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) ?? []
            guard rel.contains("alternate") else { continue }
            guard let rawType = tag.attributes["type"] else { continue }
            let type = String(rawType.split(separator: ";").first ?? "").trimmingCharacters(in: .whitespaces).lowercased()
            guard feedTypes.contains(type), let href = tag.attributes["href"], let url = resolve(href, against: pageURL) else { continue }
            guard !found.contains(where: { $0.url == url }) else { continue }
            let title = tag.attributes["title"]?.trimmingCharacters(in: .whitespacesAndNewlines)
            found.append(DiscoveredFeed(url: url, title: title?.isEmpty == false ? title : nil, type: type))
        }
        return found
    }

    static func resolve(_ href: String, against page: String) -> String? {
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let base = URL(string: page), let url = URL(string: trimmed, relativeTo: base)?.absoluteURL,
              let scheme = url.scheme?.lowercased() else { return nil }
        let pageScheme = base.scheme?.lowercased()
        let allowed = pageScheme == "file" ? ["http", "https", "file"] : ["http", "https"]
        guard allowed.contains(scheme) else { return nil }
        return url.absoluteString
    }
}

/// Start tags of an HTML document, with their attributes (names lowercased, values with
/// character references decoded).
struct TagScanner {
    struct Tag {
        var name: String
        var attributes: [String: String]
    }

    let bytes: ArraySlice<UInt8>
    var position: Int

    init(bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        position = bytes.startIndex
    }

    mutating func nextTag() -> Tag? {
        while let open = bytes[position...].firstIndex(of: UInt8(ascii: "<")) {
            position = open + 1
            if startsWith("!--") {
                position = find("-->").map { $0 + 3 } ?? bytes.endIndex
                continue
            }
            let nameStart = position
            while position < bytes.endIndex, isNameByte(bytes[position]) { position += 1 }
            guard position > nameStart else { continue }
            let name = String(decoding: bytes[nameStart..<position], as: UTF8.self).lowercased()
            let attributes = readAttributes()
            if name == "script" || name == "style" {
                // Their text is not markup: skip to the closing tag.
                position = find("</" + name).map { $0 + 2 + name.utf8.count } ?? bytes.endIndex
            }
            return Tag(name: name, attributes: attributes)
        }
        position = bytes.endIndex
        return nil
    }

    private mutating func readAttributes() -> [String: String] {
        var attributes: [String: String] = [:]
        while position < bytes.endIndex {
            let byte = bytes[position]
            if byte == UInt8(ascii: ">") {
                position += 1
                break
            }
            if isSpace(byte) || byte == UInt8(ascii: "/") {
                position += 1
                continue
            }
            let nameStart = position
            while position < bytes.endIndex, !isSpace(bytes[position]), ![UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "/")].contains(bytes[position]) {
                position += 1
            }
            let name = String(decoding: bytes[nameStart..<position], as: UTF8.self).lowercased()
            skipSpaces()
            var value = ""
            if position < bytes.endIndex, bytes[position] == UInt8(ascii: "=") {
                position += 1
                skipSpaces()
                value = readValue()
            }
            if !name.isEmpty, attributes[name] == nil { attributes[name] = value }
            if position == nameStart { position += 1 }  // never stand still
        }
        return attributes
    }

    private mutating func readValue() -> String {
        guard position < bytes.endIndex else { return "" }
        let quote = bytes[position]
        let start: Int
        let end: Int
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            start = position + 1
            end = bytes[start...].firstIndex(of: quote) ?? bytes.endIndex
            position = min(end + 1, bytes.endIndex)
        } else {
            start = position
            while position < bytes.endIndex, !isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") { position += 1 }
            end = position
        }
        return Self.decodeReferences(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    /// `&amp;`, `&#38;`, `&#x26;`; an unknown or unterminated reference stays as written.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(32).firstIndex(of: ";") {
                let body = after[..<semicolon]
                let scalar = body.hasPrefix("#") ? HTMLEntities.scalar(numeric: body) : HTMLEntities.scalar(named: body)
                if let scalar {
                    result.unicodeScalars.append(scalar)
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            result += "&"
            rest = after
        }
        return result + rest
    }

    private mutating func skipSpaces() {
        while position < bytes.endIndex, isSpace(bytes[position]) { position += 1 }
    }

    private func startsWith(_ text: String) -> Bool {
        bytes[position...].starts(with: text.utf8)
    }

    /// The first position at or after the current one where `text` starts, ignoring ASCII case.
    private func find(_ text: String) -> Int? {
        let needle = Array(text.lowercased().utf8)
        guard let first = needle.first, bytes.endIndex - position >= needle.count else { return nil }
        var index = position
        while index + needle.count <= bytes.endIndex {
            if lower(bytes[index]) == first, zip(bytes[index..<(index + needle.count)], needle).allSatisfy({ lower($0) == $1 }) {
                return index
            }
            index += 1
        }
        return nil
    }

    private func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte }
    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
    private func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ":")
    }
}
