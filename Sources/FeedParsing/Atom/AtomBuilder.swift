import ArticleText
import FeedModel
import Foundation

/// Atom 1.0 and 0.3.
final class AtomBuilder: XMLEventHandler {
    private var builtDraft: FeedDraft
    private let namespace: String?
    private var feedDepth: Int?
    private var entryDepth: Int?
    private var entry = ItemDraft()
    private var textType: [Int: String] = [:]  // depth → type of a text construct
    private var base64Depth: Int?  // Atom 0.3 mode="base64" content
    private var alternateRank = Int.max
    /// The person construct being read (`author` or `contributor`) and where.
    private var person: (element: String, depth: Int)?
    private var entryContributor: String?
    /// The feed's author, which entries without one inherit (RFC 4287 §4.2.1).
    private var feedAuthor: String?
    /// Items (by index) that named no author of their own, with their first contributor.
    private var itemsWithoutAuthor: [(index: Int, contributor: String?)] = []

    init(format: FeedFormat, namespace: String?) {
        builtDraft = FeedDraft(format: format)
        self.namespace = namespace
    }

    /// The feed read so far; entries without an author carry the feed's (else their contributor).
    var draft: FeedDraft {
        var draft = builtDraft
        for (index, contributor) in itemsWithoutAuthor {
            draft.items[index].author = feedAuthor ?? contributor
        }
        return draft
    }

    private func isAtom(_ name: XMLName) -> Bool { name.namespace == namespace }

    func start(_ name: XMLName, attributes: [XMLAttribute], depth: Int, reader: XMLEventReader) {
        guard isAtom(name) else { return }
        switch name.local {
        case "feed" where feedDepth == nil:
            feedDepth = depth
            builtDraft.language = attributes.value("lang", in: Namespace.xml).flatMap(nonEmpty)
        case "entry" where entryDepth == nil:
            entryDepth = depth
            entry = ItemDraft()
            entryContributor = nil
            alternateRank = Int.max
        case "author", "contributor":
            if person == nil { person = (name.local, depth) }
        case "link":
            link(attributes, depth: depth, reader: reader)
        case "category":
            if let entryDepth, depth == entryDepth + 1,
               let term = attributes.value("label").flatMap(nonEmpty) ?? attributes.value("term").flatMap(nonEmpty) {
                entry.categories.append(term)
            }
        case "title", "subtitle", "tagline", "summary", "content", "rights":
            // Atom 1.0: type="text|html|xhtml"; Atom 0.3: mode="escaped|xml|base64" with a MIME type.
            var type = attributes.value("type")?.lowercased() ?? "text"
            let mode = attributes.value("mode")
            if mode == "escaped" || type == "text/html" { type = "html" }
            if mode == "xml" || type == "application/xhtml+xml" { type = "xhtml" }
            if type == "text/plain" { type = "text" }
            textType[depth] = type
            if mode == "base64" {
                base64Depth = depth
            } else if type == "xhtml" {
                reader.captureMarkupOfCurrentElement()
            } else {
                reader.acceptMarkupInCurrentElement()
            }
        default: break
        }
    }

    private func link(_ attributes: [XMLAttribute], depth: Int, reader: XMLEventReader) {
        guard let href = attributes.value("href"),
              let resolved = URLResolver.resolve(href, against: reader.currentBase)
        else { return }
        let rel = attributes.value("rel") ?? "alternate"
        let rank = rel == "alternate" ? (attributes.value("type").map { $0.contains("html") } ?? true ? 0 : 1) : 2
        if let entryDepth, depth == entryDepth + 1 {
            guard rel == "alternate" || rel == "self" || rel == "related" else { return }
            if rank < alternateRank {
                entry.link = resolved
                alternateRank = rank
            }
        } else if let feedDepth, entryDepth == nil, depth == feedDepth + 1, rel == "alternate" {
            if builtDraft.link == nil { builtDraft.link = resolved }
        }
    }

    func end(_ name: XMLName, text: String, depth: Int, reader: XMLEventReader) {
        var type = textType.removeValue(forKey: depth)
        guard isAtom(name) else { return }
        var text = text
        if depth == base64Depth {
            base64Depth = nil
            text = Self.decodedBase64(text)
        } else if reader.textIsMarkup, type == "text" {
            type = "html"  // raw markup in a text construct
        }
        if let person, depth >= person.depth {
            personField(name.local, text: text, depth: depth)
            return
        }
        if let entryDepth {
            if depth == entryDepth {
                if entry.author == nil { itemsWithoutAuthor.append((builtDraft.items.count, entryContributor)) }
                builtDraft.items.append(entry.assembled())
                self.entryDepth = nil
            } else if depth == entryDepth + 1 {
                entryField(name.local, text: text, type: type)
            }
            return
        }
        guard let feedDepth, depth == feedDepth + 1 else { return }
        switch name.local {
        case "title": builtDraft.title = type == "text" ? text : HTMLText.plainText(fromHTML: text)
        case "subtitle", "tagline": builtDraft.subtitle = type == "text" ? text : HTMLText.plainText(fromHTML: text)
        case "updated", "modified": builtDraft.updated = builtDraft.date(text, field: name.local)
        default: break
        }
    }

    /// `name` of an `author` or `contributor`: an entry's author wins over its contributors, and
    /// the feed's author stands for entries that have none.
    private func personField(_ local: String, text: String, depth: Int) {
        guard let person else { return }
        if depth == person.depth {
            self.person = nil
            return
        }
        guard depth == person.depth + 1, local == "name", let name = nonEmpty(oneLine(text)) else { return }
        if let entryDepth {
            guard person.depth == entryDepth + 1 else { return }
            if person.element == "author" {
                if entry.author == nil { entry.author = name }
            } else if entryContributor == nil {
                entryContributor = name
            }
        } else if let feedDepth, person.depth == feedDepth + 1, person.element == "author", feedAuthor == nil {
            feedAuthor = name
        }
    }

    private func entryField(_ local: String, text: String, type: String?) {
        switch local {
        case "id": entry.guid = nonEmpty(text)
        case "title":
            entry.title = text
            entry.titleIsHTML = type != "text"
        case "summary":
            entry.summary = text
            entry.summaryIsText = type == "text"
        case "content":
            entry.content = text
            entry.contentIsText = type == "text"
        case "published", "issued": entry.published = builtDraft.date(text, field: local)
        case "updated", "modified": entry.updated = builtDraft.date(text, field: local)
        default: break
        }
    }

    /// Atom 0.3 `mode="base64"` content, decoded as UTF-8; text that is not base64 stays as it is.
    private static func decodedBase64(_ text: String) -> String {
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else { return text }
        return String(decoding: data, as: UTF8.self)
    }
}
