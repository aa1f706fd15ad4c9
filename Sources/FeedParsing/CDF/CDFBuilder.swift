import FeedModel
import Foundation

/// Microsoft's Channel Definition Format (the 1997 W3C submission): a `<CHANNEL HREF="…">` with
/// `<TITLE>`, `<ABSTRACT>` and `<ITEM HREF="…" LASTMOD="…">` children, sub-channels grouping
/// items. Element and attribute names are case-insensitive; `LASTMOD` without a zone is UTC.
final class CDFBuilder: XMLEventHandler {
    private(set) var draft = FeedDraft(format: .cdf)
    private var channelDepth: Int?
    private var itemDepth: Int?
    private var item = ItemDraft()
    /// A channel's `BASE`, against which the `HREF`s inside it resolve, by the channel's depth.
    private var bases: [(depth: Int, url: String)] = []

    /// A CDF root: `CHANNEL` in any case, written otherwise than RSS's `channel` or with an `HREF`
    /// (which an RSS channel never has).
    static func isRoot(_ name: XMLName, attributes: [XMLAttribute]) -> Bool {
        guard name.namespace == nil, name.local.lowercased() == "channel" else { return false }
        return name.local != "channel" || attribute("href", in: attributes) != nil
    }

    private static func attribute(_ lowercasedName: String, in attributes: [XMLAttribute]) -> String? {
        attributes.first { $0.name.namespace == nil && $0.name.local.lowercased() == lowercasedName }?.value
    }

    func start(_ name: XMLName, attributes: [XMLAttribute], depth: Int, reader: XMLEventReader) {
        guard name.namespace == nil else { return }
        let local = name.local.lowercased()
        if local == "channel", let base = Self.attribute("base", in: attributes).flatMap(nonEmpty),
           let resolved = URLResolver.resolve(base, against: bases.last?.url ?? reader.currentBase) {
            bases.append((depth, resolved))
        }
        let href = Self.attribute("href", in: attributes).flatMap(nonEmpty)
            .flatMap { URLResolver.resolve($0, against: bases.last?.url ?? reader.currentBase) }
        let lastModified = Self.attribute("lastmod", in: attributes)
        switch local {
        case "channel" where channelDepth == nil:
            channelDepth = depth
            draft.link = href
            if let lastModified { draft.updated = draft.date(lastModified, field: "LASTMOD") }
        case "item" where itemDepth == nil:
            itemDepth = depth
            item = ItemDraft()
            item.link = href
            if let lastModified { item.updated = draft.date(lastModified, field: "LASTMOD") }
        default: break
        }
    }

    func end(_ name: XMLName, text: String, depth: Int, reader: XMLEventReader) {
        guard name.namespace == nil else { return }
        let local = name.local.lowercased()
        if let last = bases.last, last.depth == depth { bases.removeLast() }
        if let itemDepth {
            if depth == itemDepth {
                draft.items.append(item.assembled())
                self.itemDepth = nil
            } else if depth == itemDepth + 1, local == "title" {
                item.title = text
            } else if depth == itemDepth + 1, local == "abstract" {
                item.summary = text
                item.summaryIsText = true
            }
            return
        }
        guard let channelDepth, depth == channelDepth + 1 else { return }
        switch local {
        case "title": draft.title = text
        case "abstract": draft.subtitle = text
        default: break
        }
    }
}
