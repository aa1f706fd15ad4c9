@testable import FeedStorage
import Testing

/// The story a new article joins is the same however the articles before it were batched into
/// transactions: the same recent articles are compared, and ties go to the older one.
@Suite struct StoryIndexTests {
    typealias Entry = StoryIndex.Entry

    /// Six articles; the new one is identical to the first (which has left a window of four)
    /// and 5 bits from the third and the fifth, two different stories.
    let entries = [
        Entry(id: 1, fingerprint: 0, story: 1),
        Entry(id: 2, fingerprint: ~0, story: 2),
        Entry(id: 3, fingerprint: 0b11111, story: 3),
        Entry(id: 4, fingerprint: ~0, story: 4),
        Entry(id: 5, fingerprint: 0b11111 << 5, story: 5),
        Entry(id: 6, fingerprint: ~0, story: 6),
    ]

    @Test(arguments: 0...6)
    func theStoryDoesNotDependOnWhereTheTransactionBegan(committed: Int) {
        let index = StoryIndex(capacity: 4)
        index.remember(Array(entries.prefix(committed)), upTo: Int64(committed))
        #expect(index.story(of: 0, pending: .init(Array(entries.dropFirst(committed)))) == 3)
    }

    @Test func nothingNearIsNoStory() {
        let index = StoryIndex(capacity: 4)
        index.remember(entries, upTo: 6)
        #expect(index.story(of: 0b1010_1010_1010_1010_1010_1010_1010 << 20, pending: .init()) == nil)
    }
}
