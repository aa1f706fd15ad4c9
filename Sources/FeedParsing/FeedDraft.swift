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
    var authors: [String] = []
    /// The first author; setting it names that one author.
    var author: String? {
        get { authors.first }
        set { authors = newValue.map { [$0] } ?? [] }
    }
    var summary: String?
    var summaryIsText = false
    var content: String?
    var contentIsText = false
    var categories: [String] = []
    /// Set where a category's term differs from what readers see (Atom's `label`).
    var categoryTerms: [String]?
    var enclosures: [Enclosure] = []

    /// The fuller of summary and content is the content, the shorter the summary, in whatever
    /// order the feed gave them (publishers swap `description` and `content:encoded`, or put the
    /// full text in Atom's `summary`). Lengths are compared as written, markup included.
    mutating func orderBodyByLength() {
        guard let summary, let content, !content.isEmpty, summary.utf8.count > content.utf8.count else { return }
        (self.summary, self.content) = (content, summary)
        (summaryIsText, contentIsText) = (contentIsText, summaryIsText)
    }

    mutating func addEnclosure(url: String?, type: String?, length: String?, base: String?) {
        guard let url = url.flatMap(nonEmpty), let resolved = URLResolver.resolve(url, against: base),
              !enclosures.contains(where: { $0.url == resolved })
        else { return }
        let length = length.flatMap { asciiInteger($0.trimmedASCIIWhiteSpace) }.flatMap { $0 > 0 ? $0 : nil }
        enclosures.append(Enclosure(url: resolved, type: type.flatMap(nonEmpty), length: length))
    }

    /// The format-neutral item, with its plain text, content hash and a stable id.
    func assembled() -> ParsedItem {
        let cleanTitle = title.map { oneLine(titleIsHTML ? HTMLText.plainText(fromHTML: $0) : $0) }
            .flatMap { $0.isEmpty ? nil : $0 }
        // The title on one line is its own plain text unless it holds a tag or a reference.
        let hashTitle = cleanTitle.map { title in
            var title = title
            let hasMarkup = title.withUTF8 { $0.contains { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") } }
            return hasMarkup ? HTMLText.plainText(fromHTML: title) : title
        }
        let body: String
        let hash: String
        if let content, !content.isEmpty {
            (body, hash) = ContentHash.textAndHash(title: hashTitle, body: content, bodyIsHTML: !contentIsText)
        } else if let summary {
            (body, hash) = ContentHash.textAndHash(title: hashTitle, body: summary, bodyIsHTML: !summaryIsText)
        } else {
            body = ""
            hash = ContentHash.of(title: hashTitle, body: body)
        }
        let trimmedGUID = guid?.trimmedASCIIWhiteSpace
        let id: String
        if let trimmedGUID, !trimmedGUID.isEmpty {
            id = trimmedGUID
        } else if let link, !link.isEmpty {
            id = link
        } else {
            id = "urn:feedwatch:sha256:" + hash
        }
        var cleanAuthors: [String] = []
        for author in authors {
            let line = oneLine(author)
            if !line.isEmpty, !cleanAuthors.contains(line) { cleanAuthors.append(line) }
        }
        return ParsedItem(
            id: id, title: cleanTitle, link: link, published: published, updated: updated,
            author: cleanAuthors.first,
            summary: summary.flatMap { $0.isEmpty ? nil : $0 }, content: content.flatMap { $0.isEmpty ? nil : $0 },
            categories: categories, text: body, contentHash: hash,
            authors: cleanAuthors, categoryTerms: categoryTerms ?? categories, enclosures: enclosures,
            bodyIsPlainText: content.map { !$0.isEmpty } ?? false ? contentIsText : summaryIsText)
    }
}

/// A field several elements can give, each with a rank (0 for the format's own element, higher
/// for fallbacks): the best-ranked value wins whatever order the elements come in. A repeated
/// core element replaces the earlier one; a repeated fallback does not.
struct RankedValue<Value> {
    private(set) var value: Value?
    private var rank = Int.max

    /// Whether a value of this rank would be kept (to skip parsing one that would not).
    func wants(rank: Int) -> Bool { rank < self.rank || rank == 0 }

    mutating func offer(_ candidate: Value?, rank: Int) {
        guard let candidate, wants(rank: rank) else { return }
        value = candidate
        self.rank = rank
    }
}

/// A list several kinds of element can fill (authors, categories): only the entries of the
/// best-ranked kind present are kept, in document order and without repeats.
struct RankedList {
    private(set) var values: [String] = []
    private var rank = Int.max

    mutating func add(_ candidate: String?, rank: Int) {
        guard let candidate = candidate.flatMap(nonEmpty), rank <= self.rank else { return }
        if rank < self.rank {
            values.removeAll()
            self.rank = rank
        }
        if !values.contains(candidate) { values.append(candidate) }
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
