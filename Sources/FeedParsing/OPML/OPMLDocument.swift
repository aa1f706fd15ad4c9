import Foundation

/// A subscription list: OPML 1.0/2.0 as feed readers export it.
public struct OPMLDocument: Sendable, Equatable {
    public struct Subscription: Sendable, Equatable {
        public var url: String
        public var title: String?
        /// The titles of the outlines it is nested in (folders become tags), then the parts of
        /// its `category` attribute (`/News/Europe,war`) not already among them.
        public var tags: [String]
        /// The site's home page (`htmlUrl`).
        public var htmlURL: String?
        /// How often to poll it, in seconds (`interval`, FeedWatch's own attribute); nil when
        /// absent or not a whole number of seconds from 1 to 999,999,999.
        public var intervalSeconds: Int?

        public init(url: String, title: String?, tags: [String], htmlURL: String? = nil, intervalSeconds: Int? = nil) {
            self.url = url
            self.title = title
            self.tags = tags
            self.htmlURL = htmlURL
            self.intervalSeconds = intervalSeconds
        }
    }

    public var title: String?
    public var subscriptions: [Subscription]

    public init(title: String?, subscriptions: [Subscription]) {
        self.title = title
        self.subscriptions = subscriptions
    }

    /// Reads an OPML document (with the same protections as feeds: no entities, no DTD, no network).
    /// A document with a fatal XML error (truncated, unclosed, garbage) is refused.
    public static func parse(_ bytes: [UInt8]) throws(FeedParseError) -> OPMLDocument {
        let reader = XMLEventReader(documentURL: nil)
        let builder = OPMLBuilder()
        var root: String?
        reader.chooseHandler = { name, _ in
            root = name.local
            return name.local.lowercased() == "opml" ? builder : nil
        }
        reader.parse(bytes)
        guard let root else { throw .malformed(reader.firstError ?? "no XML element found") }
        guard root.lowercased() == "opml" else { throw .notAFeed("not an OPML document (root element <\(root)>)") }
        // Unlike a feed, whose readable part is worth keeping, a subscription list cut short or
        // broken is refused whole: importing part of it would silently drop the rest.
        if let error = reader.firstError { throw .malformed("the OPML document is not well-formed (\(error))") }
        return OPMLDocument(title: builder.title, subscriptions: builder.subscriptions)
    }

    /// OPML 2.0, feeds grouped in one outline per first tag; every tag is also in the
    /// feed's `category` attribute, so reading the document back gives the same tags.
    public func rendered() -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head><title>\(Self.escape(title ?? "FeedWatch subscriptions"))</title></head>
              <body>

            """
        func line(_ subscription: Subscription, indent: String) -> String {
            let text = Self.escape(subscription.title ?? subscription.url)
            var attributes = "type=\"rss\" text=\"\(text)\" title=\"\(text)\" xmlUrl=\"\(Self.escape(subscription.url))\""
            if let html = subscription.htmlURL { attributes += " htmlUrl=\"\(Self.escape(html))\"" }
            if !subscription.tags.isEmpty {
                // Commas and slashes separate categories and their levels: a tag holding one is left out.
                let categories = subscription.tags.filter { !$0.contains(",") && !$0.contains("/") }.map { "/" + $0 }
                if !categories.isEmpty { attributes += " category=\"\(Self.escape(categories.joined(separator: ",")))\"" }
            }
            if let seconds = subscription.intervalSeconds { attributes += " interval=\"\(seconds)\"" }
            return "\(indent)<outline \(attributes)/>\n"
        }
        var groups: [String: [Subscription]] = [:]
        var order: [String] = []
        for subscription in subscriptions {
            guard let tag = subscription.tags.first else {
                xml += line(subscription, indent: "    ")
                continue
            }
            if groups[tag] == nil { order.append(tag) }
            groups[tag, default: []].append(subscription)
        }
        for tag in order {
            xml += "    <outline text=\"\(Self.escape(tag))\" title=\"\(Self.escape(tag))\">\n"
            for subscription in groups[tag, default: []] { xml += line(subscription, indent: "      ") }
            xml += "    </outline>\n"
        }
        return xml + "  </body>\n</opml>\n"
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

/// Collects `<outline xmlUrl=…>` with the titles of enclosing outlines as tags.
final class OPMLBuilder: XMLEventHandler {
    private(set) var title: String?
    private(set) var subscriptions: [OPMLDocument.Subscription] = []
    private var folders: [(depth: Int, name: String)] = []

    func start(_ name: XMLName, attributes: [XMLAttribute], depth: Int, reader: XMLEventReader) {
        guard name.local == "outline" else { return }
        let text = attributes.value("title").flatMap(nonEmpty) ?? attributes.value("text").flatMap(nonEmpty)
        if let url = attributes.value("xmlUrl").flatMap(nonEmpty) ?? attributes.value("xmlurl").flatMap(nonEmpty) {
            var tags = folders.map(\.name)
            for category in OPMLCategory.tags(attributes.value("category")) where !tags.contains(category) { tags.append(category) }
            let html = attributes.value("htmlUrl").flatMap(nonEmpty) ?? attributes.value("htmlurl").flatMap(nonEmpty)
            let interval = attributes.value("interval").flatMap(OPMLCategory.seconds)
            subscriptions.append(.init(url: url, title: text, tags: tags, htmlURL: html, intervalSeconds: interval))
        } else if let text {
            folders.append((depth, text))
        }
    }

    func end(_ name: XMLName, text: String, depth: Int, reader: XMLEventReader) {
        if name.local == "title", title == nil { title = nonEmpty(text) }
        if let last = folders.last, last.depth == depth { folders.removeLast() }
    }
}
