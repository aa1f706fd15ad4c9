import FeedModel
import Foundation
import Testing
import TestSupport

@testable import FeedStorage

/// `articles --search` as a reader expects it: words, not substrings; any case, any accents,
/// any script; phrases and prefixes; the best match first.
@Suite struct ArticleSearchTests {
    struct NoQuery: Error {}

    let directory = TemporaryDirectory()
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func store(with articles: [(title: String, text: String)]) throws -> any FeedDatabase {
        let store = try SQLiteStore(path: directory.file("search.sqlite"))
        let feed = try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        for (number, article) in articles.enumerated() {
            let item = ParsedItem(
                id: "g\(number)", title: article.title, link: nil, published: nil, updated: nil, author: nil, summary: article.text,
                content: nil, categories: [], text: article.text, contentHash: String(format: "%064x", number + 1))
            _ = try store.ingestNow { try $0.ingest(item, feedID: feed.id ?? 0, at: now.addingTimeInterval(Double(number))) }
        }
        return store
    }

    func titles(_ store: any FeedDatabase, _ query: String) throws -> [String] {
        guard let search = SearchQuery(query) else { throw NoQuery() }
        return try store.articles(search: search).compactMap(\.title)
    }

    @Test func wordsMatchWhateverTheirCaseAccentsOrScript() throws {
        let store = try store(with: [
            ("Talks in Zürich", "Envoys met in Zürich on Monday."),
            ("Зеленский в Киеве", "Президент Зеленский выступил."),
            ("Story 123", "Another story."),
            ("Story 12", "A story."),
        ])
        #expect(try titles(store, "zurich") == ["Talks in Zürich"])
        #expect(try titles(store, "ZÜRICH") == ["Talks in Zürich"])
        #expect(try titles(store, "зеленский") == ["Зеленский в Киеве"])
        #expect(try titles(store, "\"Story 12\"") == ["Story 12"], "a phrase of whole words, not a substring")
        #expect(try titles(store, "12") == ["Story 12"])
        #expect(try titles(store, "Zür*") == ["Talks in Zürich"])
        #expect(try titles(store, "zurich OR 123").sorted() == ["Story 123", "Talks in Zürich"])
        #expect(try titles(store, "zurich 123").isEmpty, "every word is required")
    }

    @Test func theTitleRanksAboveTheText() throws {
        let store = try store(with: [
            ("Grain exports resume", "Ships left Odesa."),
            ("Markets today", "Wheat rose; grain traders cited the corridor."),
            ("Grain corridor reopens", "The grain corridor reopened, grain ships said."),
        ])
        let ranked = try titles(store, "grain")
        #expect(Set(ranked.prefix(2)) == ["Grain corridor reopens", "Grain exports resume"], "\(ranked)")
        #expect(ranked.last == "Markets today", "a word in the text only ranks below one in a title")
    }

    @Test(arguments: ["\"", "-", "a:b", "NEAR(x y)", "^x", "(((", "x\"y", "OR", "* * *", "\"unterminated phrase", "ⅻ", "\u{0}",
        // Found by SearchQueryFuzz: a quote and a combining mark are one Character, two scalars to SQLite.
        "x \"\u{301}AND\"y",
    ])
    func anyTextIsAQueryOrRefusedButNeverASyntaxError(text: String) throws {
        let store = try store(with: [("a b x y", "text")])
        guard let query = SearchQuery(text) else { return }
        #expect(throws: Never.self) { try store.articles(search: query) }
    }
}
