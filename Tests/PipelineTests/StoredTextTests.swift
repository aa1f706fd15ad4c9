import FeedModel
import FeedParsing
import FeedStorage
import Foundation
import Testing

/// Articles are stored without their plain text, which is derived again when read: for every
/// item of every test document, the text read back is the text the parser produced, to the byte.
@Suite struct StoredTextTests {
    static let fixtures: [String] = {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("FeedParsingTests/Fixtures")
        let files = FileManager.default.enumerator(atPath: directory.path)?.compactMap { $0 as? String } ?? []
        return files.filter { !$0.hasSuffix("/") }.sorted().map { directory.appendingPathComponent($0).path }
    }()

    @Test func theTextDerivedFromTheStoredBodyIsTheParsersText() throws {
        #expect(Self.fixtures.count > 40)
        let parser = FeedParser()
        let encoder = ArticleBodyEncoder()
        var items = 0
        var plain = 0
        for path in Self.fixtures {
            guard let data = FileManager.default.contents(atPath: path),
                  let feed = try? parser.parse(Array(data), url: "https://fixture.example/feed") else { continue }
            for item in feed.items {
                let body = ArticleBody(summary: item.summary, content: item.content, isPlainText: item.bodyIsPlainText)
                let stored = try #require(encoder.encode(body))
                let read = try #require(ArticleBody(stored: stored))
                #expect(read == body, "\(path) \(item.id)")
                #expect(read.text == item.text, "\(path) \(item.id)")
                items += 1
                if item.bodyIsPlainText { plain += 1 }
            }
        }
        #expect(items > 100)
        #expect(plain > 0, "some fixtures carry plain-text bodies")
    }
}
