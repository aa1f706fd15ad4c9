import ArticleText
import FeedModel

/// Atom 1.0 and 0.3.
final class AtomBuilder: XMLEventHandler {
    private(set) var draft: FeedDraft
    private let namespace: String?
    private var feedDepth: Int?
    private var entryDepth: Int?
    private var entry = ItemDraft()
    private var textType: [Int: String] = [:]  // depth → type of a text construct
    private var alternateRank = Int.max

    init(format: FeedFormat, namespace: String?) {
        draft = FeedDraft(format: format)
        self.namespace = namespace
    }

    private func isAtom(_ name: XMLName) -> Bool { name.namespace == namespace }

    func start(_ name: XMLName, attributes: [XMLAttribute], depth: Int, reader: XMLEventReader) {
        guard isAtom(name) else { return }
        switch name.local {
        case "feed" where feedDepth == nil: feedDepth = depth
        case "entry" where entryDepth == nil:
            entryDepth = depth
            entry = ItemDraft()
            alternateRank = Int.max
        case "link":
            link(attributes, depth: depth, reader: reader)
        case "category":
            if let entryDepth, depth == entryDepth + 1,
               let term = attributes.value("label").flatMap(nonEmpty) ?? attributes.value("term").flatMap(nonEmpty) {
                entry.categories.append(term)
            }
        case "title", "subtitle", "tagline", "summary", "content", "rights":
            // Atom 1.0: type="text|html|xhtml"; Atom 0.3: mode="escaped|xml" with a MIME type.
            var type = attributes.value("type")?.lowercased() ?? "text"
            if attributes.value("mode") == "escaped" || type == "text/html" { type = "html" }
            if attributes.value("mode") == "xml" || type == "application/xhtml+xml" { type = "xhtml" }
            if type == "text/plain" { type = "text" }
            textType[depth] = type
            if type == "xhtml" { reader.captureMarkupOfCurrentElement() }
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
            if draft.link == nil { draft.link = resolved }
        }
    }

    func end(_ name: XMLName, text: String, depth: Int, reader: XMLEventReader) {
        let type = textType.removeValue(forKey: depth)
        guard isAtom(name) else { return }
        if let entryDepth {
            if depth == entryDepth {
                draft.items.append(entry.assembled())
                self.entryDepth = nil
            } else if depth == entryDepth + 1 {
                entryField(name.local, text: text, type: type)
            } else if depth == entryDepth + 2, name.local == "name", entry.author == nil {
                entry.author = nonEmpty(text)
            }
            return
        }
        guard let feedDepth, depth == feedDepth + 1 else { return }
        switch name.local {
        case "title": draft.title = type == "text" ? text : HTMLText.plainText(fromHTML: text)
        case "subtitle", "tagline": draft.subtitle = type == "text" ? text : HTMLText.plainText(fromHTML: text)
        case "updated", "modified": draft.updated = draft.date(text, field: name.local)
        default: break
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
        case "published", "issued": entry.published = draft.date(text, field: local)
        case "updated", "modified": entry.updated = draft.date(text, field: local)
        default: break
        }
    }
}
