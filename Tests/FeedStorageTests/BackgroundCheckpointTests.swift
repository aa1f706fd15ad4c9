import FeedModel
import FeedStorage
import Foundation
import Testing
import TestSupport

@Suite struct BackgroundCheckpointTests {
    let directory = TemporaryDirectory()
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    /// In WAL mode the database file changes only when a checkpoint copies the log into it. The
    /// writer's own checkpoint waits for 4,096 pages of log; two hundred short articles are far
    /// fewer, so the file grows only if the pipeline's writes are checkpointed beside the writer.
    @Test func thePipelinesWritesReachTheDatabaseFileWithoutTheWritersCheckpoint() async throws {
        let path = directory.file("feedwatch.sqlite")
        let store = try SQLiteStore(path: path)
        let feedID = try #require(try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now)).id)
        let before = Self.size(of: path)
        let items = (0..<200).map { index in
            let text = String(repeating: "Envoys met in Geneva on day \(index) of the talks. ", count: 20)
            return ParsedItem(
                id: "g\(index)", title: "Talks, day \(index)", link: "https://a.example/\(index)", published: nil, updated: nil,
                author: nil, summary: text, content: nil, categories: [], text: text, contentHash: "hash-\(index)")
        }
        let now = self.now
        let stored = try await store.ingest { transaction in
            try items.map { try transaction.ingest($0, feedID: feedID, at: now) }.count { $0.article != nil }
        }
        #expect(stored == 200)
        var grown = false
        for _ in 0..<100 where !grown {
            try await Task.sleep(for: .milliseconds(100))
            grown = Self.size(of: path) > before
        }
        #expect(grown, "the database file is still \(before) bytes")
        store.close()
        #expect(try SQLiteStore(path: path).counts().articles == 200)
    }

    static func size(of path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}
