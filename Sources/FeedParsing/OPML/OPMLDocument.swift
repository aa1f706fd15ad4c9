import Foundation

/// A subscription list: OPML 1.0/2.0 as feed readers export it.
public struct OPMLDocument: Sendable, Equatable {
    public struct Subscription: Sendable, Equatable {
        public var url: String
        public var title: String?
        /// The titles of the outlines it is nested in (folders become tags).
        public var tags: [String]

        public init(url: String, title: String?, tags: [String]) {
            self.url = url
            self.title = title
            self.tags = tags
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

    /// OPML 2.0, feeds grouped in one outline per first tag.
    public func rendered() -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <opml version="2.0">
              <head><title>\(Self.escape(title ?? "FeedWatch subscriptions"))</title></head>
              <body>

            """
        func line(_ subscription: Subscription, indent: String) -> String {
            let text = Self.escape(subscription.title ?? subscription.url)
            return "\(indent)<outline type=\"rss\" text=\"\(text)\" title=\"\(text)\" xmlUrl=\"\(Self.escape(subscription.url))\"/>\n"
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
            subscriptions.append(.init(url: url, title: text, tags: folders.map(\.name)))
        } else if let text {
            folders.append((depth, text))
        }
    }

    func end(_ name: XMLName, text: String, depth: Int, reader: XMLEventReader) {
        if name.local == "title", title == nil { title = nonEmpty(text) }
        if let last = folders.last, last.depth == depth { folders.removeLast() }
    }
}
