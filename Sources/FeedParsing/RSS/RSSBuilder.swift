import ArticleText
import FeedModel
import Foundation

/// RSS 0.9x, 1.0 (RDF) and 2.0, with `content:encoded`, `xhtml:body`, Dublin Core and DCMI Terms,
/// iTunes podcast elements, Media RSS (`media:title`, `media:description`, `media:category`,
/// `media:content`), `atom:link` inside items and the Syndication module's update schedule.
/// Namespaced elements are fallbacks: each is used only where the core element is missing.
///
/// Its stored properties are `@exclusivity(unchecked)`: a builder serves one `XMLEventReader`,
/// whose events come one at a time on one thread, so no two accesses overlap.
final class RSSBuilder: XMLEventHandler {
    @exclusivity(unchecked) private(set) var draft: FeedDraft
    @exclusivity(unchecked) private var updateHints = UpdateHints()
    @exclusivity(unchecked) private var channelDepth: Int?
    @exclusivity(unchecked) private var itemDepth: Int?
    @exclusivity(unchecked) private var item = ItemDraft()
    @exclusivity(unchecked) private var fields = ItemFields()
    @exclusivity(unchecked) private var channel = ChannelFields()
    @exclusivity(unchecked) private var skipDepth: Int?  // <image>, <textinput>: their title and link are not the feed's
    @exclusivity(unchecked) private var media = MediaFallback()

    /// What Media RSS and `atom:link` say about an item, used where the item itself is silent.
    private struct MediaFallback {
        var title: String?
        var description: String?
        var descriptionIsHTML = false
        var link: String?
    }

    /// An item's fields that several elements can give; rank 0 is RSS's own element.
    private struct ItemFields {
        var title = RankedValue<(text: String, isHTML: Bool)>()
        var summary = RankedValue<String>()
        var content = RankedValue<String>()
        var published = RankedValue<Date>()
        var updated = RankedValue<Date>()
        var authors = RankedList()
        var categories = RankedList()
    }

    /// The channel's fields that several elements can give; rank 0 is RSS's own element.
    private struct ChannelFields {
        var title = RankedValue<String>()
        var subtitle = RankedValue<String>()
        var updated = RankedValue<Date>()
        var language = RankedValue<String>()
    }

    /// The root's own namespace, when a publisher put RSS 2.0's elements in one (UserLand's or another).
    private let rootNamespace: String?

    init(format: FeedFormat, rootNamespace: String? = nil) {
        draft = FeedDraft(format: format)
        self.rootNamespace = rootNamespace
    }

    /// The namespaces an RSS element can be in, told apart once per element.
    private enum Module {
        case rssCore, content, xhtml, dublinCore, dcTerms, iTunes, media, atom10, syndication, other
    }

    /// An element's namespace: whether it is one of RSS's own (no namespace, RSS 1.0's, 0.90's,
    /// UserLand's or the root's) and which module it names.
    private struct Kind {
        var isCore: Bool
        var module: Module
    }

    /// Runs for every element: namespaces are told apart by their length before any comparison of
    /// text, so an element costs at most one full comparison (two in a root namespace).
    private func kind(_ name: XMLName) -> Kind {
        guard let namespace = name.namespace else { return Kind(isCore: true, module: .rssCore) }
        func same(_ other: String) -> Bool { Namespace.same(namespace, other) }
        let module: Module
        if same(Namespace.dublinCore) {
            module = .dublinCore
        } else if same(Namespace.content) {
            module = .content
        } else if same(Namespace.media) {
            module = .media
        } else if same(Namespace.iTunes) {
            module = .iTunes
        } else if same(Namespace.atom10) {
            module = .atom10
        } else if same(Namespace.dcTerms) {
            module = .dcTerms
        } else if same(Namespace.xhtml) {
            module = .xhtml
        } else if same(Namespace.syndication) {
            module = .syndication
        } else if same(Namespace.rss10) || same(Namespace.rss09) || same(Namespace.rss09Channel) || same(Namespace.userlandRSS2) {
            module = .rssCore
        } else {
            module = .other
        }
        let isCore = module == .rssCore || rootNamespace.map(same) == true
        return Kind(isCore: isCore, module: module)
    }

    func start(_ name: XMLName, attributes: [XMLAttribute], depth: Int, reader: XMLEventReader) {
        guard skipDepth == nil else { return }
        let kind = kind(name)
        if kind.isCore {
            switch name.local {
            case "channel" where channelDepth == nil:
                channelDepth = depth
                // RSS 0.90 is RDF too; its namespace tells it from RSS 1.0.
                if name.namespace == Namespace.rss09 || name.namespace == Namespace.rss09Channel { draft.format = .rss09x }
            case "item" where itemDepth == nil:
                itemDepth = depth
                item = ItemDraft()
                fields = ItemFields()
                media = MediaFallback()
                // RSS 1.0 items name themselves with rdf:about.
                if let about = attributes.value("about", in: Namespace.rdf) { item.guid = about }
            case "image", "textinput", "textInput": skipDepth = depth
            default: break
            }
        }
        if let itemDepth, depth == itemDepth + 1 {
            if kind.isCore {
                if name.local == "guid" {
                    pendingGuidIsPermalink = attributes.value("isPermaLink")?.lowercased() != "false"
                } else if name.local == "enclosure" {
                    item.addEnclosure(url: attributes.value("url"), type: attributes.value("type"),
                                      length: attributes.value("length"), base: reader.currentBase)
                }
            }
            // Raw (unescaped) HTML in a text field is read as the HTML it is; xhtml:body is markup.
            if acceptsMarkup(name, kind) { reader.acceptMarkupInCurrentElement() }
        } else if let channelDepth, itemDepth == nil, depth == channelDepth + 1, kind.isCore,
                  name.local == "title" || name.local == "description" {
            reader.acceptMarkupInCurrentElement()
        }
        if let itemDepth, depth > itemDepth {
            if kind.module == .atom10, name.local == "link", depth == itemDepth + 1 {
                atomLink(attributes, reader: reader)
            } else if kind.module == .media {
                if name.local == "description" {
                    media.descriptionIsHTML = attributes.value("type")?.lowercased() == "html"
                } else if name.local == "content" {
                    item.addEnclosure(url: attributes.value("url"), type: attributes.value("type"),
                                      length: attributes.value("fileSize"), base: reader.currentBase)
                }
            } else if kind.module == .iTunes, name.hasITunesLocal("category") {
                // Nested categories (`Technology` › `Podcasting`) name a category each.
                fields.categories.add(attributes.value("text"), rank: 2)
            }
        }
    }

    private func acceptsMarkup(_ name: XMLName, _ kind: Kind) -> Bool {
        if kind.isCore { return name.local == "title" || name.local == "description" }
        switch kind.module {
        case .content: return name.local == "encoded"
        case .xhtml: return name.local == "body"
        case .dublinCore: return name.local == "description"
        case .iTunes: return name.hasITunesLocal("summary")
        default: return false
        }
    }

    /// `atom:link` in an item: an alternate link stands in for a missing `<link>`; an enclosure
    /// link is an enclosure.
    private func atomLink(_ attributes: [XMLAttribute], reader: XMLEventReader) {
        let rel = attributes.value("rel")?.lowercased() ?? "alternate"
        if rel == "enclosure" {
            item.addEnclosure(url: attributes.value("href"), type: attributes.value("type"),
                              length: attributes.value("length"), base: reader.currentBase)
        } else if rel == "alternate", media.link == nil, let href = attributes.value("href") {
            media.link = URLResolver.resolve(href, against: reader.currentBase)
        }
    }

    @exclusivity(unchecked) private var pendingGuidIsPermalink = true

    func end(_ name: XMLName, text: String, depth: Int, reader: XMLEventReader) {
        if let skip = skipDepth {
            if depth == skip { skipDepth = nil }
            return
        }
        if let itemDepth {
            if depth == itemDepth {
                finishItem(reader: reader)
                self.itemDepth = nil
                pendingGuidIsPermalink = true
            } else if depth > itemDepth {
                let kind = kind(name)
                if depth == itemDepth + 1 { itemField(name, kind, text: text, reader: reader) }
                if kind.module == .media { mediaField(name.local, text: text) }
            }
            return
        }
        if let channelDepth, depth == channelDepth + 1 {
            channelField(name, kind(name), text: text, reader: reader)
        }
    }

    private func finishItem(reader: XMLEventReader) {
        if let title = fields.title.value {
            item.title = title.text
            item.titleIsHTML = title.isHTML
        } else {
            item.title = media.title
        }
        item.summary = fields.summary.value
        item.content = fields.content.value
        item.orderBodyByLength()
        if item.summary == nil, item.content == nil, let description = media.description {
            item.summary = description
            item.summaryIsText = !media.descriptionIsHTML
        }
        item.published = fields.published.value
        item.updated = fields.updated.value
        item.authors = fields.authors.values
        item.categories = fields.categories.values
        if item.link == nil { item.link = media.link }
        if item.link == nil, pendingGuidIsPermalink, let guid = item.guid, guid.hasPrefix("http") {
            item.link = URLResolver.resolve(guid, against: reader.currentBase)
        }
        draft.items.append(item.assembled())
    }

    /// One switch on the namespace, then one on the local name: a module's elements come first,
    /// and RSS's own where the module has no element of that name.
    private func itemField(_ name: XMLName, _ kind: Kind, text: String, reader: XMLEventReader) {
        let body = hasText(text) ? text : nil
        switch kind.module {
        case .content where name.local == "encoded": return fields.content.offer(body, rank: 0)
        case .xhtml where name.local == "body": return fields.content.offer(body, rank: 1)
        case .dublinCore:
            switch name.local {
            case "title": return fields.title.offer(body.map { ($0, false) }, rank: 1)
            case "description": return fields.summary.offer(body, rank: 1)
            case "creator", "author": return fields.authors.add(text, rank: 1)
            case "contributor": return fields.authors.add(text, rank: 3)
            case "date": return fields.published.offer(date(text, "dc:date", fields.published, rank: 1), rank: 1)
            // dc:subject is RSS 1.0's category: it and <category> are the item's own.
            case "subject": return fields.categories.add(text, rank: 0)
            default: break
            }
        case .dcTerms:
            switch name.local {
            case "issued": return fields.published.offer(date(text, "dcterms:issued", fields.published, rank: 2), rank: 2)
            case "created": return fields.published.offer(date(text, "dcterms:created", fields.published, rank: 3), rank: 3)
            case "modified": return fields.updated.offer(date(text, "dcterms:modified", fields.updated, rank: 1), rank: 1)
            default: break
            }
        case .iTunes: return iTunesItemField(name, text: body)
        default: break
        }
        guard kind.isCore else { return }
        switch name.local {
        case "title": fields.title.offer(body.map { ($0, reader.textIsMarkup) }, rank: 0)
        case "link": item.link = URLResolver.resolve(text, against: reader.currentBase)
        case "description": fields.summary.offer(body, rank: 0)
        case "guid": item.guid = nonEmpty(text)
        case "pubDate": fields.published.offer(date(text, "pubDate", fields.published, rank: 0), rank: 0)
        case "author": fields.authors.add(text, rank: 0)
        case "category": fields.categories.add(text, rank: 0)
        default: break
        }
    }

    /// iTunes elements are matched without regard to case: podcast hosts write `ITUNES:SUMMARY`.
    private func iTunesItemField(_ name: XMLName, text: String?) {
        if name.hasITunesLocal("subtitle") {
            fields.summary.offer(text, rank: 3)
        } else if name.hasITunesLocal("summary") {
            fields.summary.offer(text, rank: 2)
        } else if name.hasITunesLocal("author") {
            fields.authors.add(text, rank: 2)
        } else if name.hasITunesLocal("keywords"), let text {
            for keyword in text.split(separator: ",") { fields.categories.add(String(keyword), rank: 3) }
        }
    }

    /// The date `text` gives, parsed (and warned about) only when it would be used.
    private func date(_ text: String, _ field: String, _ value: RankedValue<Date>, rank: Int) -> Date? {
        value.wants(rank: rank) ? draft.date(text, field: field) : nil
    }

    private func mediaField(_ local: String, text: String) {
        switch local {
        case "title": media.title = media.title ?? nonEmpty(text)
        case "description": media.description = media.description ?? nonEmpty(text)
        case "category", "keywords":
            for term in text.split(separator: local == "keywords" ? "," : "\n") { fields.categories.add(String(term), rank: 4) }
        default: break
        }
    }

    private func channelField(_ name: XMLName, _ kind: Kind, text: String, reader: XMLEventReader) {
        let body = hasText(text) ? text : nil
        let isDC = kind.module == .dublinCore, isDCTerms = kind.module == .dcTerms
        let isCore = kind.isCore, isSyndication = kind.module == .syndication
        switch name.local {
        case "title" where isDC: channel.title.offer(body, rank: 1)
        case "description" where isDC: channel.subtitle.offer(body, rank: 1)
        case "date" where isDC: channel.updated.offer(date(text, "dc:date", channel.updated, rank: 2), rank: 2)
        case "modified" where isDCTerms: channel.updated.offer(date(text, "dcterms:modified", channel.updated, rank: 3), rank: 3)
        case "issued" where isDCTerms: channel.updated.offer(date(text, "dcterms:issued", channel.updated, rank: 4), rank: 4)
        case "created" where isDCTerms: channel.updated.offer(date(text, "dcterms:created", channel.updated, rank: 5), rank: 5)
        case "language" where isDC: channel.language.offer(nonEmpty(text), rank: 1)
        case _ where kind.module == .iTunes:
            if name.hasITunesLocal("subtitle") {
                channel.subtitle.offer(body, rank: 2)
            } else if name.hasITunesLocal("summary") {
                channel.subtitle.offer(body, rank: 3)
            }
        case "title" where isCore:
            channel.title.offer(body.map { reader.textIsMarkup ? HTMLText.plainText(fromHTML: $0) : $0 }, rank: 0)
        case "link" where isCore: draft.link = URLResolver.resolve(text, against: reader.currentBase)
        case "description" where isCore:
            channel.subtitle.offer(body.map { reader.textIsMarkup ? HTMLText.plainText(fromHTML: $0) : $0 }, rank: 0)
        case "language" where isCore: channel.language.offer(nonEmpty(text), rank: 0)
        case "ttl" where isCore:
            updateHints.ttlMinutes = text.trimmedASCIIWhiteSpace
            draft.ttlSeconds = updateHints.seconds
        case "updatePeriod" where isSyndication:
            updateHints.period = text.trimmedASCIIWhiteSpace
            draft.ttlSeconds = updateHints.seconds
        case "updateFrequency" where isSyndication:
            updateHints.frequency = text.trimmedASCIIWhiteSpace
            draft.ttlSeconds = updateHints.seconds
        case "lastBuildDate" where isCore:
            channel.updated.offer(date(text, "lastBuildDate", channel.updated, rank: 0), rank: 0)
        case "pubDate" where isCore:
            channel.updated.offer(date(text, "pubDate", channel.updated, rank: 1), rank: 1)
        default: return
        }
        draft.title = channel.title.value
        draft.subtitle = channel.subtitle.value
        draft.updated = channel.updated.value
        draft.language = channel.language.value
    }
}

/// Whether `text` has anything but ASCII white space, without copying it.
private func hasText(_ text: String) -> Bool {
    text.utf8.contains { $0 != 0x20 && $0 != 0x0A && $0 != 0x09 && $0 != 0x0D && $0 != 0x0C }
}

extension XMLName {
    /// The local name equals `lowercased` (ASCII letters only) in any case, without copying it:
    /// iTunes elements are written in upper case too.
    func hasITunesLocal(_ lowercased: StaticString) -> Bool {
        let expected = UnsafeBufferPointer(start: lowercased.utf8Start, count: lowercased.utf8CodeUnitCount)
        guard local.utf8.count == expected.count else { return false }
        return zip(local.utf8, expected).allSatisfy { $0 | 0x20 == $1 }
    }
}
