/// XML namespaces FeedWatch reads.
enum Namespace {
    /// Whether two namespace names are the same. Element names are interned per document, so
    /// they never share storage with these constants: comparing lengths first spares most of
    /// the byte comparisons a builder would make for every element.
    static func same(_ namespace: String, _ other: String) -> Bool {
        namespace.utf8.count == other.utf8.count && namespace == other
    }

    static let atom10 = "http://www.w3.org/2005/Atom"
    static let atom03 = "http://purl.org/atom/ns#"
    static let rss10 = "http://purl.org/rss/1.0/"
    static let rss09 = "http://my.netscape.com/rdf/simple/0.9/"
    /// RSS 0.90's namespace under the other Netscape host some publishers declare.
    static let rss09Channel = "http://channel.netscape.com/rdf/simple/0.9/"
    /// UserLand's namespace for RSS 2.0 core elements (`<rss xmlns="http://backend.userland.com/rss2">`).
    static let userlandRSS2 = "http://backend.userland.com/rss2"
    /// What the IETF drafts of Atom 1.0 are named by (`…#draft-ietf-atompub-format-08`).
    static let atomDraftPrefix = "http://purl.org/atom/ns#draft-"
    static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    static let content = "http://purl.org/rss/1.0/modules/content/"
    static let dublinCore = "http://purl.org/dc/elements/1.1/"
    static let dcTerms = "http://purl.org/dc/terms/"
    static let iTunes = "http://www.itunes.com/dtds/podcast-1.0.dtd"
    static let xml = "http://www.w3.org/XML/1998/namespace"
    static let xhtml = "http://www.w3.org/1999/xhtml"
    static let xlink = "http://www.w3.org/1999/xlink"
    static let media = "http://search.yahoo.com/mrss/"
    static let syndication = "http://purl.org/rss/1.0/modules/syndication/"
}

/// An element or attribute name: its namespace URI (nil when none) and local name.
struct XMLName: Hashable, Sendable {
    var namespace: String?
    var local: String

    func `is`(_ local: String, in namespace: String?) -> Bool {
        self.local == local && self.namespace == namespace
    }
}

struct XMLAttribute: Sendable {
    var name: XMLName
    var value: String
}

extension [XMLAttribute] {
    func value(_ local: String, in namespace: String? = nil) -> String? {
        first { $0.name.local == local && $0.name.namespace == namespace }?.value
    }
}
