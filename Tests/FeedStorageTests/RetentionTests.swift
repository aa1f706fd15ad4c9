import FeedModel
import Foundation
import GRDB
import Testing
import TestSupport

@testable import FeedStorage

/// Retention drops old article texts and keeps what deduplication and history need.
@Suite struct RetentionTests {
    let directory = TemporaryDirectory()
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func item(_ number: Int, text: String) -> ParsedItem {
        ParsedItem(
            id: "g\(number)", title: "Story \(number)", link: "https://a.example/\(number)", published: nil, updated: nil, author: nil,
            summary: text, content: nil, categories: [], text: text, contentHash: String(format: "%064x", number + 1))
    }

    @Test(arguments: Backend.allCases) func oldTextsGoWhileHashesTitlesAndSourcesStay(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        let feed = try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        let feedID = try #require(feed.id)
        // Ten old articles of random text (so compression cannot hide them), one new.
        var generator = SystemRandomNumberGenerator()
        for number in 0..<10 {
            let words = (0..<3000).map { _ in String(UInt64.random(in: 0...UInt64.max, using: &generator), radix: 36) }
            let text = "ceasefire " + words.joined(separator: " ")
            _ = try store.ingestNow { try $0.ingest(item(number, text: text), feedID: feedID, at: now.addingTimeInterval(-100 * 86400)) }
        }
        _ = try store.ingestNow { try $0.ingest(item(99, text: "ceasefire today"), feedID: feedID, at: now) }
        let before = try store.fileBytes()

        #expect(try store.dropBodies(firstSeenBefore: now.addingTimeInterval(-90 * 86400), batch: 3) == 10)
        #expect(try store.dropBodies(firstSeenBefore: now.addingTimeInterval(-90 * 86400)) == 0, "once only")
        let articles = try store.articles(limit: 100)
        #expect(articles.count == 11, "every row stays")
        #expect(articles.filter { $0.text.isEmpty }.count == 10)
        #expect(articles.first { $0.title == "Story 99" }?.text == "ceasefire today")
        #expect(try store.sources(ofArticle: articles.last?.id ?? 0).count == 1)

        // The same story again is still recognised by its hash: not stored, not alerted again.
        let again = try store.ingestNow { try $0.ingest(item(3, text: "whatever"), feedID: feedID, at: now) }
        #expect(again == .alreadySeen)
        // Search still finds old articles by their titles, no longer by their texts.
        #expect(try store.articles(search: SearchQuery("ceasefire")).map(\.title) == ["Story 99"])
        #expect(try store.articles(search: SearchQuery("\"Story 3\"")).map(\.title) == ["Story 3"])

        try store.reclaimSpace()
        let after = try store.fileBytes()
        // PostgreSQL keeps the freed room for its own reuse: the file does not shrink.
        if backend == .sqlite { #expect(after < before / 2, "\(before) → \(after) bytes") }
    }

    /// A database made before incremental vacuum is rebuilt once, then frees pages incrementally.
    @Test func anOlderDatabaseIsSwitchedToIncrementalVacuumOnce() throws {
        let path = directory.file("old.sqlite")
        let legacy = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(legacy)
        #expect(try legacy.read { try Int.fetchOne($0, sql: "PRAGMA auto_vacuum") } == 0)
        try legacy.close()
        let store = try SQLiteStore(path: path)
        #expect(try store.releaseFreePages() == false)
        try store.reclaimSpace()
        #expect(try store.releaseFreePages() == true)

        let fresh = try SQLiteStore(path: directory.file("new.sqlite"))
        #expect(try fresh.releaseFreePages() == true, "a new database starts incremental")
    }
}
