import FeedModel
@testable import FeedStorage
import Foundation
import GRDB
import Testing
import TestSupport

/// Articles are stored compact (one compressed body, 32-byte hashes) and read back exactly.
@Suite struct CompactArticleTests {
    let directory = TemporaryDirectory()
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    @Test(arguments: [
        ArticleBody(summary: nil, content: nil, isPlainText: false),
        ArticleBody(summary: "", content: "", isPlainText: true),
        ArticleBody(summary: "Envoys met in Istanbul.", content: nil, isPlainText: true),
        ArticleBody(summary: "Переговоры", content: "<p>Войска: 800 000 — «договорённость» &amp; 🇺🇦</p>", isPlainText: false),
        ArticleBody(summary: nil, content: String(repeating: "<p>Ceasefire talks resumed.</p>", count: 2_000) + "x\u{0}y", isPlainText: false),
    ])
    func aBodyRoundTrips(_ body: ArticleBody) throws {
        let stored = try #require(ArticleBodyEncoder().encode(body))
        #expect(ArticleBody(stored: stored) == body)
    }

    /// Bodies stored before the encoder moved from zlib to libdeflate (zlib, level 1, a 4 kB
    /// window) read back unchanged: the format is raw DEFLATE either way.
    @Test func aBodyDeflatedByZlibStillDecodes() {
        let stored = Data([
            0x02, 0x63, 0x16, 0x67, 0x60, 0x60, 0x70, 0xcd, 0x2b, 0xcb, 0xaf, 0x2c, 0x56, 0xc8, 0x4d, 0x2d, 0x51, 0xc8, 0xcc,
            0x53, 0xf0, 0x2c, 0x2e, 0x49, 0xcc, 0x4b, 0x2a, 0xcd, 0xd1, 0xb3, 0x29, 0xb0, 0xbb, 0x30, 0xe9, 0xc2, 0xbe, 0x0b,
            0x3b, 0x2f, 0x36, 0x5e, 0xd8, 0x75, 0x61, 0x83, 0x95, 0x82, 0x99, 0x81, 0x81, 0x8e, 0x81, 0x81, 0x81, 0x42, 0x49,
            0x51, 0x7e, 0x7e, 0x41, 0xb1, 0x8e, 0x82, 0xa1, 0xa5, 0x42, 0x41, 0x6a, 0x91, 0x42, 0x72, 0x6a, 0x5e, 0x89, 0x9e,
            0x8d, 0x7e, 0x81, 0x1d, 0x00,
        ])
        #expect(ArticleBody(stored: stored) == ArticleBody(
            summary: "Envoys met in Istanbul.", content: "<p>Войска: 600,000 troops, 19 per cent.</p>", isPlainText: false))
    }

    @Test func repeatedHTMLCompressesToAFractionOfItsSize() throws {
        let html = (0..<40).map { "<p>Talks on the \($0)th day: 600,000 troops, 19 per cent.</p>" }.joined()
        let stored = try #require(ArticleBodyEncoder().encode(ArticleBody(summary: nil, content: html, isPlainText: false)))
        #expect(stored.count * 4 < html.utf8.count)
    }

    @Test func aDamagedBodyIsRefusedNotTrapped() throws {
        let encoder = ArticleBodyEncoder()
        let stored = try #require(encoder.encode(ArticleBody(summary: "s", content: "c", isPlainText: false)))
        #expect(ArticleBody(stored: Data()) == nil)
        #expect(ArticleBody(stored: Data([9] + stored.dropFirst())) == nil, "unknown format")
        #expect(ArticleBody(stored: stored.prefix(3)) == nil, "truncated")
        var flipped = [UInt8](stored)
        for index in 1..<flipped.count { flipped[index] ^= 0x5A }
        _ = ArticleBody(stored: Data(flipped))
        // A stream that inflates to a length field pointing past the end.
        #expect(ArticleBody(stored: Data([1, 0x03, 0x00])) == nil)
    }

    @Test func articlesAreReadBackWholeAndFoundBySearch() throws {
        let store = try SQLiteStore(path: directory.file("feedwatch.sqlite"))
        let feed = try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        let hash = String(repeating: "ab", count: 32)
        let item = ParsedItem(
            id: "g1", title: "Grain corridor", link: "https://a.example/1", published: now, updated: nil, author: "Desk",
            summary: "<b>Ships</b> sail", content: "<p>Ships sail from Odesa.</p>", categories: ["Black Sea"],
            text: "Ships sail from Odesa.", contentHash: hash)
        let ingested = try store.ingestNow { try $0.ingest(item, feedID: feed.id ?? 0, at: now) }
        let article = try #require(ingested.article)
        let read = try #require(try store.articles().first)
        #expect(read == article)
        #expect(read.contentHash == hash)
        #expect(try store.articles(search: SearchQuery("ODESA")).map(\.id) == [article.id])
        #expect(try store.articles(search: SearchQuery("Kharkiv")).isEmpty)
        // The same content again is recognised by its stored hash.
        #expect(try store.ingestNow { try $0.ingest(item, feedID: feed.id ?? 0, at: now) } == .alreadySeen)
    }

    @Test func aDatabaseFromBeforeKeepsItsArticlesReadableAndDeduplicated() throws {
        let path = directory.file("old.sqlite")
        let hash = String(repeating: "0f", count: 32)
        // The schema as version 5 left it, with one article in plain columns and a hex hash.
        let legacy = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(legacy, upTo: "v5-quarantine-alert-log-state")
        try legacy.write { db in
            try db.execute(sql: "INSERT INTO feeds (url, added_at, next_fetch_at) VALUES ('https://a.example/feed', ?, ?)", arguments: [now, now])
            try db.execute(
                sql: """
                    INSERT INTO articles (content_hash, title, summary, content, text, categories, first_seen, feed_id)
                    VALUES (?, 'Old', 'old summary', '<p>Old text</p>', 'Old text', '["World"]', ?, 1)
                    """, arguments: [hash, now])
        }
        try legacy.close()
        let store = try SQLiteStore(path: path)
        let article = try #require(try store.articles().first)
        #expect(article.text == "Old text")
        #expect(article.content == "<p>Old text</p>")
        #expect(article.categories == ["World"])
        #expect(article.contentHash == hash)
        #expect(try store.articles(search: SearchQuery("old TEXT")).map(\.id) == [article.id], "the migration indexed it")
        let item = ParsedItem(
            id: "g", title: "Old", link: nil, published: nil, updated: nil, author: nil, summary: nil, content: nil,
            categories: [], text: "Old text", contentHash: hash)
        #expect(try store.ingestNow { try $0.ingest(item, feedID: 1, at: now) } == .republished, "the migrated hash is found")
    }

    /// Alerts stored before stories existed belong to their article's story (its first version),
    /// so a tracker that alerted on an article stays silent on its later revisions and copies.
    @Test func alertsFromBeforeStoriesKnowTheirStory() throws {
        let path = directory.file("old.sqlite")
        let legacy = try DatabaseQueue(path: path)
        try Migrations.migrator.migrate(legacy, upTo: "v6-compact-articles")
        try legacy.write { db in
            try db.execute(sql: "INSERT INTO feeds (url, added_at, next_fetch_at) VALUES ('https://a.example/feed', ?, ?)", arguments: [now, now])
            try db.execute(sql: "INSERT INTO trackers (name, kind, rule, created_at) VALUES ('t', 'keyword', '{}', ?)", arguments: [now])
            for (id, revisionOf) in [(1, nil), (2, 1), (3, nil)] as [(Int64, Int64?)] {
                try db.execute(
                    sql: """
                        INSERT INTO articles (id, content_hash, text, first_seen, feed_id, revision_of) VALUES (?, ?, '', ?, 1, ?)
                        """, arguments: [id, Data(repeating: UInt8(id), count: 32), now, revisionOf])
            }
            for article in [2, 3] {
                try db.execute(
                    sql: "INSERT INTO alerts (id, time, kind, tracker_id, article_id, body) VALUES (?, ?, 'keyword.matched', 1, ?, '{}')",
                    arguments: ["a\(article)", now, article])
            }
        }
        try legacy.close()
        _ = try SQLiteStore(path: path)
        let stories = try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: "SELECT article_id, story_id FROM alerts ORDER BY article_id").map { [$0[0], $0[1]] as [Int64] }
        }
        #expect(stories == [[2, 1], [3, 3]])
    }
}
