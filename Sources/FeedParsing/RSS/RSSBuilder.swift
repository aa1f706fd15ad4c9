import ArticleText
import FeedModel
import Foundation

/// RSS 0.9x, 1.0 (RDF) and 2.0, with `content:encoded`, Dublin Core, Media RSS (`media:title`,
/// `media:description`, `media:category` as fallbacks), `atom:link` inside items and the
/// Syndication module's update schedule.
final class RSSBuilder: XMLEventHandler {
    private(set) var draft: FeedDraft
    private var updateHints = UpdateHints()
    private var channelDepth: Int?
    private var itemDepth: Int?
    private var item = ItemDraft()
    private var skipDepth: Int?  // <image>, <textinput>: their title and link are not the feed's
    private var media = MediaFallback()

    /// What Media RSS and `atom:link` say about an item, used where the item itself is silent.
    private struct MediaFallback {
        var title: String?
        var description: String?
        var descriptionIsHTML = false
        var link: String?
    }

    init(format: FeedFormat) {
        draft = FeedDraft(format: format)
    }

    private func isCore(_ name: XMLName) -> Bool {
        name.namespace == nil || name.namespace == Namespace.rss10 || name.namespace == Namespace.rss09
    }

    func start(_ name: XMLName, attributes: [XMLAttribute], depth: Int, reader: XMLEventReader) {
        guard skipDepth == nil else { return }
        if isCore(name) {
            switch name.local {
            case "channel" where channelDepth == nil:
                channelDepth = depth
                // RSS 0.90 is RDF too; its namespace tells it from RSS 1.0.
                if name.namespace == Namespace.rss09 { draft.format = .rss09x }
            case "item" where itemDepth == nil:
                itemDepth = depth
                item = ItemDraft()
                media = MediaFallback()
                // RSS 1.0 items name themselves with rdf:about.
                if let about = attributes.value("about", in: Namespace.rdf) { item.guid = about }
            case "image", "textinput", "textInput": skipDepth = depth
            default: break
            }
        }
        if let itemDepth, depth == itemDepth + 1 {
            if isCore(name), name.local == "guid" {
                pendingGuidIsPermalink = attributes.value("isPermaLink")?.lowercased() != "false"
            }
            // Raw (unescaped) HTML in a text field is read as the HTML it is.
            if isCore(name) ? name.local == "title" || name.local == "description" : name.is("encoded", in: Namespace.content) {
                reader.acceptMarkupInCurrentElement()
            }
        } else if let channelDepth, itemDepth == nil, depth == channelDepth + 1, isCore(name),
                  name.local == "title" || name.local == "description" {
            reader.acceptMarkupInCurrentElement()
        }
        if let itemDepth, depth > itemDepth {
            if name.is("link", in: Namespace.atom10), depth == itemDepth + 1, media.link == nil,
               (attributes.value("rel") ?? "alternate") == "alternate", let href = attributes.value("href") {
                media.link = URLResolver.resolve(href, against: reader.currentBase)
            }
            if name.is("description", in: Namespace.media) {
                media.descriptionIsHTML = attributes.value("type")?.lowercased() == "html"
            }
        }
    }

    private var pendingGuidIsPermalink = true

    func end(_ name: XMLName, text: String, depth: Int, reader: XMLEventReader) {
        if let skip = skipDepth {
            if depth == skip { skipDepth = nil }
            return
        }
        if let itemDepth {
            if depth == itemDepth {
                if item.title == nil { item.title = media.title }
                if item.summary == nil, item.content == nil, let description = media.description {
                    item.summary = description
                    item.summaryIsText = !media.descriptionIsHTML
                }
                if item.link == nil { item.link = media.link }
                if item.link == nil, pendingGuidIsPermalink, let guid = item.guid, guid.hasPrefix("http") {
                    item.link = URLResolver.resolve(guid, against: reader.currentBase)
                }
                draft.items.append(item.assembled())
                self.itemDepth = nil
                pendingGuidIsPermalink = true
            } else if depth == itemDepth + 1 {
                itemField(name, text: text, reader: reader)
            }
            if name.namespace == Namespace.media, depth > itemDepth { mediaField(name.local, text: text) }
            return
        }
        if let channelDepth, depth == channelDepth + 1 {
            channelField(name, text: text, reader: reader)
        }
    }

    private func itemField(_ name: XMLName, text: String, reader: XMLEventReader) {
        switch (name.namespace, name.local) {
        case (Namespace.content, "encoded"): item.content = text
        case (Namespace.dublinCore, "creator"): item.author = item.author ?? nonEmpty(text)
        case (Namespace.dublinCore, "date"): item.published = item.published ?? draft.date(text, field: "dc:date")
        case (Namespace.dublinCore, "subject"): nonEmpty(text).map { item.categories.append($0) }
        case (_, "title") where isCore(name):
            item.title = text
            item.titleIsHTML = reader.textIsMarkup
        case (_, "link") where isCore(name): item.link = URLResolver.resolve(text, against: reader.currentBase)
        case (_, "description") where isCore(name): item.summary = text
        case (_, "guid") where isCore(name): item.guid = nonEmpty(text)
        case (_, "pubDate") where isCore(name): item.published = draft.date(text, field: "pubDate")
        case (_, "author") where isCore(name): item.author = nonEmpty(text)
        case (_, "category") where isCore(name): nonEmpty(text).map { item.categories.append($0) }
        default: break
        }
    }

    private func mediaField(_ local: String, text: String) {
        switch local {
        case "title": media.title = media.title ?? nonEmpty(text)
        case "description": media.description = media.description ?? nonEmpty(text)
        case "category", "keywords":
            for term in text.split(separator: local == "keywords" ? "," : "\n") {
                if let category = nonEmpty(String(term)), !item.categories.contains(category) { item.categories.append(category) }
            }
        default: break
        }
    }

    private func channelField(_ name: XMLName, text: String, reader: XMLEventReader) {
        switch (name.namespace, name.local) {
        case (Namespace.dublinCore, "date"): draft.updated = draft.updated ?? draft.date(text, field: "dc:date")
        case (Namespace.dublinCore, "language"): draft.language = draft.language ?? nonEmpty(text)
        case (_, "title") where isCore(name): draft.title = reader.textIsMarkup ? HTMLText.plainText(fromHTML: text) : text
        case (_, "link") where isCore(name): draft.link = URLResolver.resolve(text, against: reader.currentBase)
        case (_, "description") where isCore(name):
            draft.subtitle = reader.textIsMarkup ? HTMLText.plainText(fromHTML: text) : text
        case (_, "language") where isCore(name): draft.language = nonEmpty(text)
        case (_, "ttl") where isCore(name):
            updateHints.ttlMinutes = text.trimmedASCIIWhiteSpace
            draft.ttlSeconds = updateHints.seconds
        case (Namespace.syndication, "updatePeriod"):
            updateHints.period = text.trimmedASCIIWhiteSpace
            draft.ttlSeconds = updateHints.seconds
        case (Namespace.syndication, "updateFrequency"):
            updateHints.frequency = text.trimmedASCIIWhiteSpace
            draft.ttlSeconds = updateHints.seconds
        case (_, "lastBuildDate") where isCore(name): draft.updated = draft.date(text, field: "lastBuildDate")
        case (_, "pubDate") where isCore(name): draft.updated = draft.updated ?? draft.date(text, field: "pubDate")
        default: break
        }
    }
}
