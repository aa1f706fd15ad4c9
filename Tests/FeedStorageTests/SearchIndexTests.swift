import FeedModel
import Foundation
import GRDB
import Testing
import TestSupport

@testable import FeedStorage

/// The search index in its file of its own: derived from the store, so whatever happened to it
/// (deleted, left behind by a crash, written by two processes, or left from another database)
/// queries find every stored article once.
@Suite struct SearchIndexTests {
    let directory = TemporaryDirectory()
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func item(_ number: Int, _ title: String, _ text: String) -> ParsedItem {
        ParsedItem(
            id: "g\(number)", title: title, link: nil, published: nil, updated: nil, author: nil, summary: text,
            content: nil, categories: [], text: text, contentHash: String(format: "%064x", number))
    }

    func ingest(_ store: any FeedDatabase, _ items: [ParsedItem]) throws {
        let feed = try store.feeds().first ?? store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        for item in items {
            _ = try store.ingestNow { try $0.ingest(item, feedID: feed.id ?? 0, at: now) }
        }
    }

    func titles(_ store: any FeedDatabase, _ query: String) throws -> [String] {
        try store.articles(search: SearchQuery(query), limit: 100).compactMap(\.title).sorted()
    }

    /// Documents the index holds, duplicates included.
    func indexedDocuments(_ path: String) throws -> Int {
        let index = try DatabaseQueue(path: SearchIndex.path(forStore: path))
        defer { try? index.close() }
        return try index.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM article_search_docsize") ?? -1 }
    }

    @Test func theIndexIsAFileOfItsOwnBesideTheStore() throws {
        let path = directory.file("own.sqlite")
        let store = try SQLiteStore(path: path)
        try ingest(store, [item(1, "Ceasefire holds", "Guns fell silent in Kharkiv."), item(2, "Markets", "Grain rose.")])
        #expect(try titles(store, "kharkiv") == ["Ceasefire holds"])
        store.close()
        #expect(FileManager.default.fileExists(atPath: path + ".search"))
        let main = try DatabaseQueue(path: path)
        defer { try? main.close() }
        #expect(try main.read { db in try db.tableExists("article_search") } == false, "nothing of the index in the store's file")
        #expect(try indexedDocuments(path) == 2)
    }

    /// One write transaction per article: batches pile up behind the indexing thread, which
    /// takes those waiting together. Each article is indexed once, and every one is found.
    @Test func batchesThatWaitAreIndexedTogetherEachOnce() throws {
        let path = directory.file("together.sqlite")
        let store = try SQLiteStore(path: path)
        try ingest(store, (1...300).map { item($0, "Story \($0)", "Word\($0) and talks.") })
        #expect(try titles(store, "word137") == ["Story 137"])
        #expect(try titles(store, "talks").count == 100, "the query's limit")
        store.close()
        #expect(try indexedDocuments(path) == 300)
    }

    /// Merge settings are FTS5's, kept in the index: an index made with others gets these.
    @Test func anIndexMadeWithOtherMergeSettingsGetsThese() throws {
        let path = directory.file("merging.sqlite")
        let first = try SQLiteStore(path: path)
        try ingest(first, [item(1, "Ceasefire holds", "Guns fell silent.")])
        first.close()
        let index = try DatabaseQueue(path: SearchIndex.path(forStore: path))
        try index.write { db in
            try db.execute(sql: "INSERT INTO article_search (article_search, rank) VALUES ('automerge', 16)")
            try db.execute(sql: "INSERT INTO article_search (article_search, rank) VALUES ('crisismerge', 32)")
        }
        try index.close()

        let store = try SQLiteStore(path: path)
        #expect(try titles(store, "ceasefire") == ["Ceasefire holds"])
        store.close()
        let reopened = try DatabaseQueue(path: SearchIndex.path(forStore: path))
        defer { try? reopened.close() }
        for (key, value) in SearchIndex.merging {
            #expect(try reopened.read { db in try Int.fetchOne(db, sql: "SELECT v FROM article_search_config WHERE k = ?", arguments: [key]) } == value)
        }
    }

    @Test func aDeletedIndexIsBuiltAgainFromTheStore() throws {
        let path = directory.file("deleted.sqlite")
        let first = try SQLiteStore(path: path)
        try ingest(first, (1...700).map { item($0, "Story \($0)", $0 == 650 ? "A ceasefire in Odesa." : "Talks went on.") })
        first.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + ".search" + suffix) }

        let store = try SQLiteStore(path: path)
        #expect(try titles(store, "odesa") == ["Story 650"], "texts are derived again from the stored bodies")
        #expect(try titles(store, "\"Story 12\"") == ["Story 12"])
        store.close()
        #expect(try indexedDocuments(path) == 700, "every article once, across more than one batch of catching up")
    }

    @Test func anUnreadableIndexFileIsMadeAgain() throws {
        let path = directory.file("garbage.sqlite")
        let first = try SQLiteStore(path: path)
        try ingest(first, [item(1, "Grain corridor", "Ships left Odesa.")])
        first.close()
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path + ".search"))

        let store = try SQLiteStore(path: path)
        #expect(try titles(store, "odesa") == ["Grain corridor"])
    }

    @Test func twoProcessesIndexEachArticleOnce() throws {
        let path = directory.file("shared.sqlite")
        let daemon = try SQLiteStore(path: path)
        let command = try SQLiteStore(path: path)
        try ingest(daemon, [item(1, "Alpha talks", "Envoys met.")])
        try ingest(command, [item(2, "Beta talks", "Envoys left.")])
        try ingest(daemon, [item(3, "Gamma talks", "Envoys returned.")])
        // Each sees every article, whichever process indexed it first.
        #expect(try titles(command, "talks") == ["Alpha talks", "Beta talks", "Gamma talks"])
        #expect(try titles(daemon, "talks") == ["Alpha talks", "Beta talks", "Gamma talks"])
        daemon.close()
        command.close()
        #expect(try indexedDocuments(path) == 3)
    }

    @Test func anIndexLeftFromAnotherDatabaseIsRebuilt() throws {
        let path = directory.file("restored.sqlite")
        let old = try SQLiteStore(path: path)
        try ingest(old, [item(1, "Alpha", "The first database.")])
        old.close()
        let kept = directory.file("kept.search")
        try FileManager.default.copyItem(atPath: path + ".search", toPath: kept)
        for suffix in ["", "-wal", "-shm", ".search", ".search-wal", ".search-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
        let other = try SQLiteStore(path: path)
        try ingest(other, [item(2, "Beta", "The second database.")])
        other.close()
        try FileManager.default.removeItem(atPath: path + ".search")
        try FileManager.default.copyItem(atPath: kept, toPath: path + ".search")

        let store = try SQLiteStore(path: path)
        #expect(try titles(store, "database") == ["Beta"], "the old index's entries are not this store's articles")
        #expect(try titles(store, "alpha").isEmpty)
    }

    @Test func aReaderIsToldHowFarTheIndexIsBehind() throws {
        let path = directory.file("behind.sqlite")
        let store = try SQLiteStore(path: path)
        try ingest(store, [item(1, "Alpha", "First."), item(2, "Beta", "Second."), item(3, "Gamma", "Third.")])
        store.close()
        #expect(try SQLiteStore.forReading(path: path).articlesNotYetSearchable() == 0)
        // As a crash leaves it: the last article stored, not yet indexed.
        let index = try DatabaseQueue(path: SearchIndex.path(forStore: path))
        try index.write { db in try db.execute(sql: "UPDATE search_state SET indexed_through = 2") }
        try index.close()
        #expect(try SQLiteStore.forReading(path: path).articlesNotYetSearchable() == 1)
    }

    @Test func aReaderSeesTheIndexAndIsToldWhenItIsMissing() throws {
        let path = directory.file("reader.sqlite")
        let store = try SQLiteStore(path: path)
        try ingest(store, [item(1, "Grain corridor", "Ships left Odesa.")])
        store.close()
        let reader = try SQLiteStore.forReading(path: path)
        #expect(try titles(reader, "odesa") == ["Grain corridor"])
        try FileManager.default.removeItem(atPath: path + ".search")
        let blind = try SQLiteStore.forReading(path: path)
        #expect {
            try blind.articles(search: SearchQuery("odesa"))
        } throws: { error in
            "\(error)".contains("search index") && "\(error)".contains("missing")
        }
    }
}
