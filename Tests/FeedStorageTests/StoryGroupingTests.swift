import FeedModel
import FeedStorage
import Foundation
import Testing
import TestSupport

/// Grouping reworded copies into stories as articles are stored: across processes, and never
/// with an article whose storing was rolled back.
@Suite struct StoryGroupingTests {
    let directory = TemporaryDirectory()
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    static let story = (1...60).map { "word\($0 % 23) term\($0 % 7) part\($0)" }.joined(separator: " ")
    static let other = (1...60).map { "other\($0 % 19) thing\($0 % 5) piece\($0)" }.joined(separator: " ")

    func item(_ guid: String, _ body: String) -> ParsedItem {
        ParsedItem(
            id: guid, title: guid, link: "https://x.example/\(guid)", published: nil, updated: nil, author: nil,
            summary: body, content: nil, categories: [], text: body, contentHash: "hash-\(guid)")
    }

    @Test(arguments: Backend.allCases) func aCopyStoredByAnotherProcessJoinsTheStory(_ backend: Backend) throws {
        let database = try backend.makeDatabase(in: directory)
        let daemon = try database.open()
        let feed = try daemon.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        let first = try daemon.ingestNow { try $0.ingest(item("a1", Self.story), feedID: feed.id!, at: now) }
        let original = try #require(first.article)
        #expect(original.story == original.id)

        // Another process (`feed add`) stores a copy with a byline; then the daemon stores another.
        let command = try database.open()
        let copy = try command.ingestNow { try $0.ingest(item("b1", "By Anna Petrenko. " + Self.story), feedID: feed.id!, at: now) }
        #expect(copy.article?.storyID == original.id)
        let later = try daemon.ingestNow { try $0.ingest(item("c1", Self.story + " Reporting by Mark Evans."), feedID: feed.id!, at: now) }
        #expect(later.article?.storyID == original.id)
        let distinct = try daemon.ingestNow { try $0.ingest(item("d1", Self.other), feedID: feed.id!, at: now) }
        #expect(distinct.article?.storyID == nil)
        #expect(try daemon.copies(ofStory: original.id!).map(\.articleID).count == 3)
    }

    @Test(arguments: Backend.allCases) func aRolledBackArticleIsNoStory(_ backend: Backend) throws {
        struct Refused: Error {}
        let store = try backend.makeDatabase(in: directory).open()
        let feed = try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        let after = try store.ingestNow { transaction -> IngestedItem in
            _ = try? transaction.isolated { () throws -> Int in
                _ = try transaction.ingest(item("gone", Self.other), feedID: feed.id!, at: now)
                throw Refused()
            }
            return try transaction.ingest(item("kept", "Update: " + Self.other), feedID: feed.id!, at: now)
        }
        // The copy's id may be the one the rolled-back article had: it must not point at itself
        // through a story that was never stored.
        #expect(after.article?.storyID == nil)
    }
}
