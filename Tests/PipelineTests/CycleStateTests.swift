import FeedFetching
import FeedModel
import FeedStorage
import Foundation
@testable import Pipeline
import Testing

/// The cycle's bookkeeping: which feed may be planned and written next, and what it holds.
@Suite struct CycleStateTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func fetched(_ index: Int) -> FetchStage {
        .fetched(FetchResponse(status: 200, body: Array("feed \(index)".utf8), effectiveURL: "https://a.example/\(index)"), bodyHash: "h\(index)")
    }

    static func plan(items: Int) -> FeedPlan {
        let feed = FeedRecord(url: "https://a.example/feed", addedAt: now)
        let prepared = (0..<items).map { index in
            PreparedItem(item: ParsedItem(
                id: "g\(index)", title: nil, link: nil, published: nil, updated: nil, author: nil, summary: nil, content: nil,
                categories: [], text: "item \(index)", contentHash: "c\(index)"))
        }
        return FeedPlan(feed: feed, state: feed, outcome: .updated, items: prepared, now: now)
    }

    /// Planning runs ahead of the write stage by about one write's items, not more: the plans
    /// held stay bounded however fast feeds are fetched.
    @Test func plansHeldAheadOfTheWriteStageAreBoundedByItems() {
        var state = CycleState(count: 10, window: 10, maxHeldBytes: 1 << 20)
        while let index = state.nextFetch() { state.fetched(index, Self.fetched(index)) }
        var planned: [Int] = []
        while let (index, _) = state.nextPlan(maxItems: 100) {
            planned.append(index)
            state.planned(index, Self.plan(items: 50))
        }
        #expect(planned == [0, 1])
        // A write takes the run at the head, and planning may go on.
        let batch = state.nextBatch(maxItems: 1_000)
        #expect(batch?.count == 2)
        #expect(state.nextPlan(maxItems: 100)?.0 == 2)
    }

    /// The feed at the head is planned whatever is held: the write stage waits for it, and
    /// holding it back would stop the cycle.
    @Test func theHeadIsPlannedWhateverIsHeld() {
        var state = CycleState(count: 3, window: 3, maxHeldBytes: 1 << 20)
        let indices = [state.nextFetch(), state.nextFetch(), state.nextFetch()].compactMap { $0 }
        #expect(indices == [0, 1, 2])
        // Feeds 1 and 2 arrive first and fill the allowance; the head arrives last.
        state.fetched(1, Self.fetched(1))
        state.fetched(2, Self.fetched(2))
        #expect(state.nextPlan(maxItems: 100)?.0 == 1)
        state.planned(1, Self.plan(items: 150))
        #expect(state.nextPlan(maxItems: 100) == nil)
        #expect(state.nextBatch(maxItems: 1_000) == nil)
        state.fetched(0, Self.fetched(0))
        #expect(state.nextPlan(maxItems: 100)?.0 == 0)
        state.planned(0, Self.plan(items: 10))
        let batch = state.nextBatch(maxItems: 1_000)
        #expect(batch?.map(\.items.count) == [10, 150])
        #expect(state.nextPlan(maxItems: 100)?.0 == 2)
    }

    /// Plans waiting for the write stage leave the window to fetches: answers with nothing to
    /// store (304) go on being fetched and planned while the writer works, and are written many
    /// to a transaction, not a window's worth at a time.
    @Test func plansWaitingForTheWriterLeaveTheWindowToFetches() {
        var state = CycleState(count: 10, window: 2, maxHeldBytes: 1 << 20)
        var fetched: [Int] = []
        while let index = state.nextFetch() {
            fetched.append(index)
            state.fetched(index, .done(.notModified(FetchResponse(status: 304, body: [], effectiveURL: "https://a.example/\(index)"))))
            if fetched.count % 2 == 0 {
                // The window is full until the two fetched are planned.
                #expect(state.nextFetch() == nil)
                while let (index, _) = state.nextPlan(maxItems: 100) { state.planned(index, Self.plan(items: 0)) }
            }
        }
        #expect(fetched == Array(0..<10))
        #expect(state.nextBatch(maxItems: 1_000)?.count == 10, "one transaction for the ten")
        state.writing = false
        #expect(state.isDone)
    }

    /// Fetch states alone (answers of 304) are gathered into one transaction; anything with
    /// items to store is written at once, and so is the last run of a cycle.
    @Test func fetchStatesAloneAreGatheredIntoOneWrite() {
        var state = CycleState(count: 6, window: 6, maxHeldBytes: 1 << 20)
        while let index = state.nextFetch() { state.fetched(index, Self.fetched(index)) }
        func plan(_ items: Int) {
            if let (index, _) = state.nextPlan(maxItems: 100) { state.planned(index, Self.plan(items: items)) }
        }
        plan(0)
        plan(0)
        #expect(state.nextBatch(maxItems: 1_000, gatheringFeeds: 3) == nil, "two fetch states wait for a third")
        plan(0)
        #expect(state.nextBatch(maxItems: 1_000, gatheringFeeds: 3)?.count == 3)
        state.writing = false
        plan(5)
        #expect(state.nextBatch(maxItems: 1_000, gatheringFeeds: 3)?.count == 1, "items are written at once")
        state.writing = false
        plan(0)
        plan(0)
        #expect(state.nextBatch(maxItems: 1_000, gatheringFeeds: 3)?.count == 2, "nothing can join the last run")
    }
}
