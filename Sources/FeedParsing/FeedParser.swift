import CLibXML2
import Foundation
import FeedModel

/// Why a document could not be read as a feed; the message says what the document is.
public enum FeedParseError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case notAFeed(String)
    case malformed(String)

    public var description: String {
        switch self {
        case .empty: "the document is empty"
        case .notAFeed(let what): "not a feed: \(what)"
        case .malformed(let detail): "not a readable feed: \(detail)"
        }
    }
}

/// Reads RSS, Atom and JSON Feed documents into the format-neutral `ParsedFeed`.
/// Stateless and safe to use from many tasks at once.
public struct FeedParser: Sendable {
    public init() {
        FeedParser.initializeLibXML
    }

    private static let initializeLibXML: Void = { xmlInitParser() }()

    /// - Parameters:
    ///   - url: the feed's URL, against which relative links are resolved.
    ///   - contentType: the HTTP `Content-Type`, whose `charset` is one clue to the encoding.
    public func parse(_ bytes: [UInt8], url: String? = nil, contentType: String? = nil) throws(FeedParseError) -> ParsedFeed {
        guard bytes.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) else {
            throw .empty
        }
        if JSONFeedReader.looksLikeJSON(bytes) { return try JSONFeedReader.parse(bytes, url: url) }
        var decoded = DocumentEncoding.utf8(bytes, httpCharset: contentType.flatMap(Self.charset))
        if let start = Self.documentStart(decoded.bytes), start > 0 {
            let skipped = decoded.bytes[..<start]
            if skipped.contains(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) {
                decoded.warnings.append("\(start) bytes of garbage before the document skipped")
            }
            decoded.bytes.removeFirst(start)
        }
        let reader = XMLEventReader(documentURL: url)
        var builder: (any XMLEventHandler)?
        var rootDescription: String?
        var rootWarnings: [String] = []
        reader.chooseHandler = { name, attributes in
            let chosen = FeedParser.builder(forRoot: name, attributes: attributes)
            builder = chosen?.handler
            rootDescription = name.local
            if let guess = chosen?.guess { rootWarnings.append(guess) }
            return chosen?.handler
        }
        reader.parse(decoded.bytes, alreadyUTF8: true)
        guard reader.sawRoot, let rootDescription else {
            throw .malformed(reader.firstError ?? "no XML element found")
        }
        var draft: FeedDraft
        switch builder {
        case let rss as RSSBuilder: draft = rss.draft
        case let atom as AtomBuilder: draft = atom.draft
        case let cdf as CDFBuilder: draft = cdf.draft
        default:
            if rootDescription.lowercased() == "html" { throw .notAFeed("an HTML page") }
            throw .notAFeed("an XML document whose root element is <\(rootDescription)>")
        }
        if let language = draft.language, let tag = LanguageTag.normalised(language) {
            draft.language = tag
            rootWarnings.append("language '\(language.trimmedASCIIWhiteSpace)' read as '\(tag)'")
        }
        return draft.parsedFeed(extraWarnings: decoded.warnings + reader.warnings + rootWarnings)
    }

    /// Where the XML document starts: its declaration, or the first tag that can be a feed's
    /// root. Servers prepend white space, PHP notices (`<br />\n<b>Warning</b>: …`) or stray
    /// bytes that XML forbids; a document whose first tag is none of these is searched for one.
    static func documentStart(_ bytes: [UInt8]) -> Int? {
        let head = bytes.prefix(4096)
        guard let first = head.firstIndex(of: UInt8(ascii: "<")) else { return nil }
        // A declaration, comment, doctype or prefixed root (`<atom:feed`) is where the document starts.
        let afterFirst = head.dropFirst(first + 1)
        let firstName = afterFirst.prefix(while: { $0 != 0x20 && $0 != 0x0A && $0 != UInt8(ascii: ">") })
        if afterFirst.first == UInt8(ascii: "?") || afterFirst.first == UInt8(ascii: "!")
            || firstName.contains(UInt8(ascii: ":")) || startsFeed(head, at: first)
        {
            return first
        }
        var position = first + 1
        while let next = head[position...].firstIndex(of: UInt8(ascii: "<")) {
            if startsFeed(head, at: next) { return next }
            position = next + 1
        }
        return first
    }

    private static let documentMarkers: [[UInt8]] = ["<?xml", "<rss", "<feed", "<rdf:RDF", "<RDF", "<channel", "<opml"]
        .map { Array($0.utf8) }

    /// Whether the tag at `index` is an XML declaration or a feed's root element (its name then
    /// white space, `>` or `/`).
    private static func startsFeed(_ head: ArraySlice<UInt8>, at index: Int) -> Bool {
        for marker in documentMarkers where head[index...].starts(with: marker) {
            if marker[1] == UInt8(ascii: "?") { return true }
            let after = index + marker.count
            guard after < head.endIndex else { return true }
            switch head[after] {
            case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ">"), UInt8(ascii: "/"): return true
            default: continue
            }
        }
        return false
    }

    /// `charset` of a `Content-Type` header value.
    static func charset(_ contentType: String) -> String? {
        for parameter in contentType.split(separator: ";").dropFirst() {
            let parts = parameter.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else { continue }
            let value = parts[1].trimmingCharacters(in: CharacterSet(charactersIn: " \"'"))
            return value.isEmpty ? nil : value
        }
        return nil
    }

    /// The builder for a document's root element, and what was guessed in choosing it.
    private static func builder(forRoot name: XMLName, attributes: [XMLAttribute]) -> (handler: any XMLEventHandler, guess: String?)? {
        switch (name.namespace, name.local) {
        case (nil, _) where CDFBuilder.isRoot(name, attributes: attributes):
            return (CDFBuilder(), nil)
        case (nil, "channel"):
            // An RSS channel whose <rss> wrapper was lost.
            return (RSSBuilder(format: .rss20), nil)
        case (nil, "rss"), (Namespace.userlandRSS2, "rss"), (Namespace.userlandRSS2, "channel"):
            return (RSSBuilder(format: rssFormat(name, attributes), rootNamespace: name.namespace), nil)
        case (Namespace.rdf, "RDF"):
            return (RSSBuilder(format: .rss10), nil)
        case (Namespace.rss10, "channel"):
            return (RSSBuilder(format: .rss10), nil)
        case (Namespace.rss09, "channel"), (Namespace.rss09Channel, "channel"):
            return (RSSBuilder(format: .rss09x), nil)
        case (let namespace?, "rss"), (let namespace?, "channel"):
            // RSS has no namespace of its own; a publisher gave the root one: its elements are RSS's.
            return (RSSBuilder(format: rssFormat(name, attributes), rootNamespace: namespace),
                    "<\(name.local)> in namespace \(namespace) read as RSS")
        case (Namespace.atom10, "feed"):
            return (AtomBuilder(format: .atom10, namespace: Namespace.atom10), nil)
        case (Namespace.atom03, "feed"):
            return (AtomBuilder(format: .atom03, namespace: Namespace.atom03), nil)
        case (let namespace?, "feed") where namespace.hasPrefix(Namespace.atomDraftPrefix):
            // The IETF drafts that became RFC 4287; the builder reads their names and Atom 1.0's.
            return (AtomBuilder(format: .atom10, namespace: namespace), "Atom draft namespace \(namespace) read as Atom 1.0")
        case (nil, "feed"):
            return (AtomBuilder(format: .atom03, namespace: nil), nil)
        case (let namespace?, "feed"):
            return (AtomBuilder(format: .atom10, namespace: namespace), "<feed> in namespace \(namespace) read as Atom 1.0")
        default:
            return nil
        }
    }

    /// RSS 0.91 and 0.92 (and 0.90 named so) by the root's `version`; anything else is read as 2.0.
    private static func rssFormat(_ root: XMLName, _ attributes: [XMLAttribute]) -> FeedFormat {
        guard root.local == "rss", let version = attributes.value("version")?.trimmedASCIIWhiteSpace else { return .rss20 }
        return version.hasPrefix("0.9") ? .rss09x : .rss20
    }
}
