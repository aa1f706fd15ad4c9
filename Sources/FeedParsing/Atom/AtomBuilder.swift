import ArticleText
import FeedModel
import Foundation

/// Atom 1.0 and 0.3. Dublin Core, DCMI Terms and iTunes elements stand in for missing Atom ones:
/// `dc:creator` and `itunes:author` for authors, `dc:date` and `dcterms:issued` for `published`,
/// `dcterms:modified` for `updated`, `dc:subject` for categories, `itunes:summary` for `summary`
/// (and for the feed's `subtitle`).
///
/// Its stored properties are `@exclusivity(unchecked)`: a builder serves one `XMLEventReader`,
/// whose events come one at a time on one thread, so no two accesses overlap.
final class AtomBuilder: XMLEventHandler {
    @exclusivity(unchecked) private var builtDraft: FeedDraft
    private let namespace: String?
    @exclusivity(unchecked) private var feedDepth: Int?
    @exclusivity(unchecked) private var entryDepth: Int?
    @exclusivity(unchecked) private var entry = ItemDraft()
    @exclusivity(unchecked) private var fields = EntryFields()
    @exclusivity(unchecked) private var textType: [Int: String] = [:]  // depth → "text", "html" or "xhtml" of a text construct
    @exclusivity(unchecked) private var base64Depth: Int?  // base64 text: Atom 0.3 mode="base64", or content of a binary type
    @exclusivity(unchecked) private var alternateRank = Int.max
    @exclusivity(unchecked) private var feedLinkRank = Int.max
    /// The person construct being read (`author` or `contributor`) and where.
    @exclusivity(unchecked) private var person: (element: String, depth: Int)?
    @exclusivity(unchecked) private var entryContributors: [String] = []
    /// The feed's authors, which entries without one inherit (RFC 4287 §4.2.1).
    @exclusivity(unchecked) private var feedAuthors = RankedList()
    @exclusivity(unchecked) private var feedUpdated = RankedValue<Date>()
    @exclusivity(unchecked) private var feedSubtitle = RankedValue<String>()
    /// Items (by index) that named no author of their own, with their contributors.
    @exclusivity(unchecked) private var itemsWithoutAuthor: [(index: Int, contributors: [String])] = []

    /// An entry's fields that other namespaces' elements can give; rank 0 is Atom's own element.
    /// An entry's own `dc:creator` names it before the feed's authors do.
    private struct EntryFields {
        var published = RankedValue<Date>()
        var updated = RankedValue<Date>()
        var summary = RankedValue<(text: String, isText: Bool)>()
        /// Without Atom's (which go straight to the entry, with their labels).
        var authors = RankedList()
        var categories = RankedList()
    }

    init(format: FeedFormat, namespace: String?) {
        builtDraft = FeedDraft(format: format)
        self.namespace = namespace
    }

    /// The feed read so far; entries without an author carry the feed's (else their contributors).
    var draft: FeedDraft {
        var draft = builtDraft
        for (index, contributors) in itemsWithoutAuthor {
            let authors = feedAuthors.values.isEmpty ? contributors : feedAuthors.values
            draft.items[index].authors = authors
            draft.items[index].author = authors.first
        }
        return draft
    }

    private func isAtom(_ name: XMLName) -> Bool { name.namespace == namespace }

    func start(_ name: XMLName, attributes: [XMLAttribute], depth: Int, reader: XMLEventReader) {
        guard isAtom(name) else {
            // Raw HTML in `itunes:summary` is read as the HTML it is.
            if isEntryOrFeedChild(depth), name.namespace.map({ Namespace.same($0, Namespace.iTunes) }) == true,
               name.hasITunesLocal("summary") {
                reader.acceptMarkupInCurrentElement()
            }
            return
        }
        switch name.local {
        case "feed" where feedDepth == nil:
            feedDepth = depth
            builtDraft.language = attributes.value("lang", in: Namespace.xml).flatMap(nonEmpty)
        case "entry" where entryDepth == nil:
            entryDepth = depth
            entry = ItemDraft()
            fields = EntryFields()
            entryContributors = []
            alternateRank = Int.max
        case "author", "contributor":
            if person == nil { person = (name.local, depth) }
        case "link":
            link(attributes, depth: depth, reader: reader)
        case "category":
            // `label` is what readers see; `term` (required, RFC 4287 §4.2.2) is kept for matching.
            if let entryDepth, depth == entryDepth + 1, let term = attributes.value("term").flatMap(nonEmpty) {
                let shown = attributes.value("label").flatMap(nonEmpty) ?? term
                if entry.categoryTerms != nil || term != shown {
                    var terms = entry.categoryTerms ?? entry.categories
                    terms.append(term)
                    entry.categoryTerms = terms
                }
                entry.categories.append(shown)
            }
        case "title", "subtitle", "tagline", "summary", "content", "rights":
            let (type, isBase64) = Self.textConstructType(attributes, isContent: name.local == "content")
            textType[depth] = type
            if isBase64 {
                base64Depth = depth
            } else if type == "xhtml" {
                reader.captureMarkupOfCurrentElement()
            } else {
                reader.acceptMarkupInCurrentElement()
            }
        default: break
        }
    }

    /// "text", "html" or "xhtml", and whether the text is base64: Atom 1.0's `type`
    /// (RFC 4287 §3.1, §4.1.3), Atom 0.3's `mode` with a MIME type.
    private static func textConstructType(_ attributes: [XMLAttribute], isContent: Bool) -> (String, Bool) {
        let mode = attributes.value("mode")?.lowercased()
        var isBase64 = mode == "base64"
        guard let declared = attributes.value("type")?.lowercased() else {
            return (mode == "escaped" ? "html" : mode == "xml" ? "xhtml" : "text", isBase64)
        }
        // Parameters (`text/html; charset=utf-8`) are rare: split only when there are some. (A
        // byte search: `String.contains(_:)` with a string goes through Foundation's NSString.)
        let mime = !declared.utf8.contains(UInt8(ascii: ";")) ? declared
            : declared.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? declared
        let type: String
        switch mime {
        case "text", "text/plain": type = mode == "escaped" ? "html" : "text"
        case "html", "text/html": type = "html"
        case "xhtml", "application/xhtml+xml": type = mode == "escaped" ? "html" : "xhtml"
        default:
            if mime.hasPrefix("text/") {
                type = "text"
            } else if mime.hasSuffix("+xml") || mime.hasSuffix("/xml") {
                type = mode == "escaped" ? "html" : "xhtml"  // inline XML: its markup is kept
            } else {
                // Any other media type is base64 (RFC 4287 §4.1.3.3); its text, when it is text.
                type = "text"
                if isContent { isBase64 = true }
            }
        }
        return (type, isBase64)
    }

    /// The best link wins: an alternate (no `rel` means alternate) of type `text/html`, then other
    /// alternates, then `self` and `related`; `enclosure` links are enclosures, the rest ignored.
    private func link(_ attributes: [XMLAttribute], depth: Int, reader: XMLEventReader) {
        guard let href = attributes.value("href").flatMap(nonEmpty) else { return }
        var rel = attributes.value("rel").flatMap(nonEmpty)?.lowercased() ?? "alternate"
        if rel.hasPrefix("http://www.iana.org/assignments/relation/") {
            rel.removeFirst("http://www.iana.org/assignments/relation/".count)
        }
        let type = attributes.value("type")?.lowercased()
        let rank: Int
        switch rel {
        case "alternate": rank = type.map { $0.hasPrefix("text/html") ? 0 : $0.contains("html") ? 1 : 2 } ?? 0
        case "self", "related": rank = 3
        case "enclosure":
            if let entryDepth, depth == entryDepth + 1 {
                entry.addEnclosure(url: href, type: type, length: attributes.value("length"), base: reader.currentBase)
            }
            return
        default: return
        }
        guard let resolved = URLResolver.resolve(href, against: reader.currentBase) else { return }
        if let entryDepth, depth == entryDepth + 1 {
            if rank < alternateRank {
                entry.link = resolved
                alternateRank = rank
            }
        } else if let feedDepth, entryDepth == nil, depth == feedDepth + 1, rank < 3, rank < feedLinkRank {
            builtDraft.link = resolved
            feedLinkRank = rank
        }
    }

    func end(_ name: XMLName, text: String, depth: Int, reader: XMLEventReader) {
        var type = textType.removeValue(forKey: depth)
        guard isAtom(name) else {
            if isEntryOrFeedChild(depth), let namespace = name.namespace {
                foreignField(name, namespace: namespace, text: text, reader: reader)
            }
            return
        }
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
                finishEntry()
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
        case "subtitle", "tagline":
            guard !text.isASCIIWhiteSpaceOnly else { break }
            feedSubtitle.offer(type == "text" ? text : HTMLText.plainText(fromHTML: text), rank: 0)
            builtDraft.subtitle = feedSubtitle.value
        case "updated", "modified":
            feedUpdated.offer(builtDraft.date(text, field: name.local), rank: 0)
            builtDraft.updated = feedUpdated.value
        default: break
        }
    }

    private func finishEntry() {
        if entry.authors.isEmpty { entry.authors = fields.authors.values }
        if entry.authors.isEmpty { itemsWithoutAuthor.append((builtDraft.items.count, entryContributors)) }
        if entry.categories.isEmpty { entry.categories = fields.categories.values }
        entry.published = fields.published.value
        entry.updated = fields.updated.value
        if let summary = fields.summary.value {
            entry.summary = summary.text
            entry.summaryIsText = summary.isText
        }
        entry.orderBodyByLength()
    }

    /// A direct child of the entry being read, or of the feed outside entries.
    private func isEntryOrFeedChild(_ depth: Int) -> Bool {
        if let entryDepth { return depth == entryDepth + 1 }
        guard let feedDepth else { return false }
        return depth == feedDepth + 1
    }

    /// Dublin Core, DCMI Terms and iTunes elements, used where the Atom element is missing.
    /// iTunes elements are matched in any letter case, as in RSS.
    private func foreignField(_ name: XMLName, namespace: String, text: String, reader: XMLEventReader) {
        let inEntry = entryDepth != nil
        if Namespace.same(namespace, Namespace.dublinCore) {
            switch name.local {
            case "creator": inEntry ? fields.authors.add(oneLine(text), rank: 1) : feedAuthors.add(oneLine(text), rank: 1)
            case "date" where inEntry: fields.published.offer(date(text, "dc:date", fields.published, rank: 1), rank: 1)
            case "date": feedUpdated.offer(date(text, "dc:date", feedUpdated, rank: 2), rank: 2)
            case "subject" where inEntry: fields.categories.add(oneLine(text), rank: 1)
            default: return
            }
        } else if Namespace.same(namespace, Namespace.dcTerms) {
            switch name.local {
            case "issued" where inEntry: fields.published.offer(date(text, "dcterms:issued", fields.published, rank: 2), rank: 2)
            case "issued": feedUpdated.offer(date(text, "dcterms:issued", feedUpdated, rank: 3), rank: 3)
            case "modified" where inEntry: fields.updated.offer(date(text, "dcterms:modified", fields.updated, rank: 1), rank: 1)
            case "modified": feedUpdated.offer(date(text, "dcterms:modified", feedUpdated, rank: 1), rank: 1)
            default: return
            }
        } else if Namespace.same(namespace, Namespace.iTunes) {
            if name.hasITunesLocal("author") {
                inEntry ? fields.authors.add(oneLine(text), rank: 2) : feedAuthors.add(oneLine(text), rank: 2)
            } else if name.hasITunesLocal("summary"), !text.isASCIIWhiteSpaceOnly {
                if inEntry {
                    fields.summary.offer((text, false), rank: 1)
                } else {
                    feedSubtitle.offer(reader.textIsMarkup ? HTMLText.plainText(fromHTML: text) : text, rank: 1)
                }
            }
        }
        builtDraft.updated = feedUpdated.value
        builtDraft.subtitle = feedSubtitle.value
    }

    /// The date `text` gives, parsed (and warned about) only when it would be used.
    private func date(_ text: String, _ field: String, _ value: RankedValue<Date>, rank: Int) -> Date? {
        value.wants(rank: rank) ? builtDraft.date(text, field: field) : nil
    }

    /// `name` of an `author` or `contributor`: an entry's authors win over its contributors, and
    /// the feed's authors stand for entries that have none.
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
                entry.authors.append(name)
            } else {
                entryContributors.append(name)
            }
        } else if let feedDepth, person.depth == feedDepth + 1, person.element == "author" {
            feedAuthors.add(name, rank: 0)
        }
    }

    private func entryField(_ local: String, text: String, type: String?) {
        switch local {
        case "id": entry.guid = nonEmpty(text)
        case "title":
            entry.title = text
            entry.titleIsHTML = type != "text"
        case "summary" where !text.isASCIIWhiteSpaceOnly: fields.summary.offer((text, type == "text"), rank: 0)
        case "content":
            entry.content = text
            entry.contentIsText = type == "text"
        case "published", "issued": fields.published.offer(builtDraft.date(text, field: local), rank: 0)
        case "updated", "modified": fields.updated.offer(builtDraft.date(text, field: local), rank: 0)
        default: break
        }
    }

    /// Base64 text decoded as UTF-8; text that is not base64 stays as it is, and bytes that are
    /// not UTF-8 text (an image) are no text at all.
    private static func decodedBase64(_ text: String) -> String {
        let compact = text.filter { !$0.isWhitespace }
        guard let data = Data(base64Encoded: compact) else { return text }
        return String(validating: data, as: UTF8.self) ?? ""
    }
}
