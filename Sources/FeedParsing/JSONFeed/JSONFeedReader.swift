import FeedModel
import Foundation

/// JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) into the format-neutral model.
enum JSONFeedReader {
    private struct Document: Decodable {
        var version: String?
        var title: String?
        var homePageURL: String?
        var description: String?
        var language: String?
        var author: Author?
        var authors: [Author]?
        var items: [Item]?

        enum CodingKeys: String, CodingKey {
            case version, title, description, language, author, authors, items
            case homePageURL = "home_page_url"
        }
    }

    private struct Author: Decodable {
        var name: String?
    }

    private struct Item: Decodable {
        var id: LenientString?
        var url: String?
        var externalURL: String?
        var title: String?
        var contentHTML: String?
        var contentText: String?
        var summary: String?
        var datePublished: String?
        var dateModified: String?
        var author: Author?
        var authors: [Author]?
        var tags: [String]?

        enum CodingKeys: String, CodingKey {
            case id, url, title, summary, author, authors, tags
            case externalURL = "external_url"
            case contentHTML = "content_html"
            case contentText = "content_text"
            case datePublished = "date_published"
            case dateModified = "date_modified"
        }
    }

    /// JSON Feed 1.0 allowed numeric ids; they are kept as their text. A number no `Double`
    /// holds (`1e400`) or another kind of value is no id.
    private struct LenientString: Decodable {
        var value: String?
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                value = text
            } else if let number = try? container.decode(Int64.self) {
                value = String(number)
            } else if let number = try? container.decode(Double.self), number.isFinite {
                value = String(number)
            } else {
                value = nil
            }
        }
    }

    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        return index < bytes.count && bytes[index] == UInt8(ascii: "{")
    }

    static func parse(_ bytes: [UInt8], url: String?) throws(FeedParseError) -> ParsedFeed {
        var data = Data(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { data = data.dropFirst(3) }
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            throw .malformed("invalid JSON: \(describe(error))")
        } catch {
            throw .malformed("invalid JSON: \(error)")
        }
        guard let version = document.version, version.hasPrefix("https://jsonfeed.org/version/1") else {
            throw .notAFeed("a JSON document that is not a JSON Feed (no jsonfeed.org version)")
        }
        var draft = FeedDraft(format: .jsonFeed)
        draft.title = document.title
        draft.link = document.homePageURL.flatMap { URLResolver.resolve($0, against: url) }
        draft.subtitle = document.description
        draft.language = document.language
        // An item without an author has the feed's (JSON Feed 1.1: `authors` over 1.0's `author`).
        let feedAuthor = document.authors?.compactMap(\.name).first ?? document.author?.name
        for item in document.items ?? [] {
            var entry = ItemDraft()
            entry.guid = item.id?.value
            entry.title = item.title
            entry.link = (item.url ?? item.externalURL).flatMap { URLResolver.resolve($0, against: url) }
            entry.published = item.datePublished.flatMap { draft.date($0, field: "date_published") }
            entry.updated = item.dateModified.flatMap { draft.date($0, field: "date_modified") }
            entry.author = item.authors?.compactMap(\.name).first ?? item.author?.name ?? feedAuthor
            entry.summary = item.summary
            entry.summaryIsText = true
            if let html = item.contentHTML {
                entry.content = html
            } else if let text = item.contentText {
                entry.content = text
                entry.contentIsText = true
            }
            entry.categories = item.tags ?? []
            draft.items.append(entry.assembled())
        }
        return draft.parsedFeed(extraWarnings: [])
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? context.debugDescription : "\(path): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
