import ArticleText
import FeedModel
import Foundation

/// An item as a format's builder collects it, before FeedWatch derives text, hash and id.
struct ItemDraft {
    var guid: String?
    var title: String?
    var titleIsHTML = false
    var link: String?
    var published: Date?
    var updated: Date?
    var author: String?
    var summary: String?
    var summaryIsText = false
    var content: String?
    var contentIsText = false
    var categories: [String] = []

    /// The format-neutral item, with its plain text, content hash and a stable id.
    func assembled() -> ParsedItem {
        let cleanTitle = title.map { oneLine(titleIsHTML ? HTMLText.plainText(fromHTML: $0) : $0) }
            .flatMap { $0.isEmpty ? nil : $0 }
        let body: String
        if let content, !content.isEmpty {
            body = contentIsText ? HTMLText.collapsingWhiteSpace(content) : HTMLText.plainText(fromHTML: content)
        } else if let summary {
            body = summaryIsText ? HTMLText.collapsingWhiteSpace(summary) : HTMLText.plainText(fromHTML: summary)
        } else {
            body = ""
        }
        let hashTitle = cleanTitle.map { HTMLText.plainText(fromHTML: $0) }
        let hash = ContentHash.of(title: hashTitle, body: body)
        let trimmedGUID = guid?.trimmedASCIIWhiteSpace
        let id: String
        if let trimmedGUID, !trimmedGUID.isEmpty {
            id = trimmedGUID
        } else if let link, !link.isEmpty {
            id = link
        } else {
            id = "urn:feedwatch:sha256:" + hash
        }
        return ParsedItem(
            id: id, title: cleanTitle, link: link, published: published, updated: updated,
            author: author.map(oneLine).flatMap { $0.isEmpty ? nil : $0 },
            summary: summary.flatMap { $0.isEmpty ? nil : $0 }, content: content.flatMap { $0.isEmpty ? nil : $0 },
            categories: categories, text: body, contentHash: hash)
    }
}

/// Shared state of every format's builder: the feed's fields, its items, and warnings.
struct FeedDraft {
    var format: FeedFormat
    var title: String?
    var link: String?
    var subtitle: String?
    var language: String?
    var updated: Date?
    var items: [ParsedItem] = []
    var ttlSeconds: Int?
    var warnings: [String] = []

    init(format: FeedFormat) { self.format = format }

    mutating func date(_ text: String, field: String) -> Date? {
        let trimmed = text.trimmedASCIIWhiteSpace
        guard !trimmed.isEmpty else { return nil }
        if let date = FeedDate.parse(trimmed) { return date }
        warnings.append("item \(items.count + 1): unreadable \(field) date '\(trimmed.prefix(60))'; using the time it was first seen")
        return nil
    }

    func parsedFeed(extraWarnings: [String]) -> ParsedFeed {
        var feed = ParsedFeed(
            format: format, title: title.map(oneLine).flatMap { $0.isEmpty ? nil : $0 },
            link: link, subtitle: subtitle.map { HTMLText.collapsingWhiteSpace($0) }.flatMap { $0.isEmpty ? nil : $0 },
            language: language?.trimmedASCIIWhiteSpace, updated: updated, items: items,
            warnings: extraWarnings + warnings)
        feed.ttlSeconds = ttlSeconds
        return feed
    }
}

func nonEmpty(_ text: String) -> String? {
    let trimmed = text.trimmedASCIIWhiteSpace
    return trimmed.isEmpty ? nil : trimmed
}
