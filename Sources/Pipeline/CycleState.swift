import FeedFetching

/// Where each feed of a cycle is in the pipeline, and which work may start next. Feeds are
/// written in slot order (the order given, but for a stalled head moved to the end), so the
/// order in which fetches and plans finish never changes what is stored.
struct CycleState {
    /// Feed indices in the order they are written.
    private var slots: [Int]
    /// Slots before this one are written.
    private var nextWrite = 0
    /// Slots before this one have been started (fetched or fetching); so have the moved ones
    /// after it (a stalled head moved to the end was started before it moved).
    private var nextStart = 0
    /// Feeds started: a count, not a set, so that a cycle over many pages holds nothing per feed.
    private var startedCount = 0
    private var fetching: Set<Int> = []
    private var fetchedStages: [Int: FetchStage] = [:]
    private var planningSet: Set<Int> = []
    private var plans: [Int: FeedPlan] = [:]
    /// No slot before this one waits to be planned (each is planned or written).
    private var firstUnplanned = 0
    /// Items of the plans held (planned, not yet taken into a write).
    private var plannedItems = 0
    /// Feeds whose body was read and not yet written (their in-flight markers).
    private var reads: Set<Int> = []
    /// Feeds between the start of their fetch and the end of their plan, at most: transfers,
    /// bodies waiting for a core, plans in progress. Plans waiting for the write stage do not
    /// count (their items are bounded by `nextPlan`'s allowance, and a feed without new items
    /// holds little), so that answers with nothing to store (304) are fetched while the writer
    /// works and are written many to a transaction.
    let window: Int
    /// Bytes of fetched bodies held (fetched, planned, not yet written) at most before another
    /// fetch starts; one body is always allowed, however large.
    let maxHeldBytes: Int
    private var heldBytes = 0
    private var bodySizes: [Int: Int] = [:]
    var writing = false
    var stallCheckPending = false
    /// More feeds may be appended (their page is not read yet).
    var moreToCome = false
    /// The feeds of the batches taken since the caller last asked (`takeReleased`).
    private var released: [Int] = []
    /// The head feed moved to the end, and when; a feed is moved once at most.
    private var moved: Set<Int> = []
    /// Planned feeds found in a row from the head (`head` = `nextWrite` then) by `nextBatch`.
    private var gatheredRun = (head: -1, count: 0)

    init(count: Int, window: Int, maxHeldBytes: Int) {
        slots = Array(0..<count)
        self.window = window
        self.maxHeldBytes = maxHeldBytes
    }

    var planning: Int { planningSet.count }

    var isDone: Bool { nextWrite == slots.count && !writing && !moreToCome }

    /// Feeds appended so far (a moved head stays one of them).
    var count: Int { slots.count }

    /// Appends `added` feeds (indices `count..<count + added`), written after those before.
    mutating func append(_ added: Int) {
        slots.append(contentsOf: count..<(count + added))
    }

    /// Slots not yet started: the cycle reads the next page of feeds when they run low.
    var notStarted: Int { slots.count - startedCount }

    /// The feeds taken into batches since the last call: written, or being written.
    mutating func takeReleased() -> [Int] {
        defer { released.removeAll(keepingCapacity: true) }
        return released
    }

    /// Feeds that were read but not stored (on a graceful stop).
    var unwrittenReads: Set<Int> { reads }

    /// Feeds fetching, fetched or being planned.
    private var inPipeline: Int { startedCount - writtenCount - plans.count }

    /// The next feed to fetch, if the window has room.
    mutating func nextFetch() -> Int? {
        while nextStart < slots.count, moved.contains(slots[nextStart]) { nextStart += 1 }
        guard nextStart < slots.count, inPipeline < window, heldBytes < maxHeldBytes || startedCount == writtenCount
        else { return nil }
        let index = slots[nextStart]
        startedCount += 1
        fetching.insert(index)
        nextStart += 1
        return index
    }

    private var writtenCount = 0

    mutating func fetched(_ index: Int, _ stage: FetchStage) {
        fetching.remove(index)
        fetchedStages[index] = stage
        if case .fetched(let response, _) = stage {
            bodySizes[index] = response.body.count
            heldBytes += response.body.count
        }
    }

    /// The fetched feed nearest the head, within `window` unplanned slots of the first (a
    /// stalled head moved to the end waits until the others near it again), if the plans held
    /// have fewer than `maxItems` items between them: planning runs ahead of the write stage by
    /// that many items, whatever the size of the feeds, so each write finds a batch ready, and
    /// memory holds that many planned items at most (plus the feeds being planned). The head is
    /// always planned as soon as it is fetched: the write stage waits for it.
    mutating func nextPlan(maxItems: Int) -> (Int, FetchStage)? {
        // Nothing fetched waits to be planned (answers without a body are settled as they
        // arrive): no need to walk the window.
        guard !fetchedStages.isEmpty else { return nil }
        firstUnplanned = max(firstUnplanned, nextWrite)
        while firstUnplanned < slots.count, plans[slots[firstUnplanned]] != nil { firstUnplanned += 1 }
        var slot = firstUnplanned
        var examined = 0
        while slot < slots.count, examined < window {
            let index = slots[slot]
            slot += 1
            guard plans[index] == nil else { continue }
            guard slot - 1 == nextWrite || plannedItems < maxItems else { return nil }
            if let stage = fetchedStages.removeValue(forKey: index) {
                planningSet.insert(index)
                if case .fetched = stage { reads.insert(index) }
                return (index, stage)
            }
            examined += 1
        }
        return nil
    }

    mutating func planned(_ index: Int, _ plan: FeedPlan) {
        planningSet.remove(index)
        plans[index] = plan
        plannedItems += plan.items.count
        if !plan.readBody { reads.remove(index) }
    }

    /// The run of planned feeds at the head, when no write is running. A run with nothing to
    /// store but fetch states (answers of 304, bodies seen before) waits until it has
    /// `gatheringFeeds` feeds, or until nothing can join it: one transaction, not one per few
    /// feeds, saves them (each commit rewrites the pages it touched). It waits only while no
    /// planned items are held, so planning is never held back by it.
    mutating func nextBatch(maxItems: Int, gatheringFeeds: Int = 1) -> [FeedPlan]? {
        guard !writing else { return nil }
        if gatheringFeeds > 1, plannedItems == 0 {
            // The run counted last time still stands (plans at the head leave only in a batch,
            // which moves the head): counting goes on from its end.
            var run = gatheredRun.head == nextWrite ? gatheredRun.count : 0
            while run < gatheringFeeds, nextWrite + run < slots.count, plans[slots[nextWrite + run]] != nil { run += 1 }
            gatheredRun = (nextWrite, run)
            if run < gatheringFeeds, nextWrite + run < slots.count { return nil }
        }
        var batch: [FeedPlan] = []
        var items = 0
        while nextWrite < slots.count, let plan = plans[slots[nextWrite]] {
            if !batch.isEmpty, items + plan.items.count > maxItems { break }
            plans[slots[nextWrite]] = nil
            plannedItems -= plan.items.count
            reads.remove(slots[nextWrite])
            heldBytes -= bodySizes.removeValue(forKey: slots[nextWrite]) ?? 0
            batch.append(plan)
            released.append(slots[nextWrite])
            items += plan.items.count
            nextWrite += 1
            writtenCount += 1
        }
        guard !batch.isEmpty else { return nil }
        writing = true
        return batch
    }

    /// The head is still being fetched while everything after it in the window waits ready.
    var headIsStalled: Bool {
        guard nextWrite < slots.count, fetching.contains(slots[nextWrite]), !moved.contains(slots[nextWrite]),
              planningSet.isEmpty, !writing
        else { return false }
        // Nothing more can start: the window, the bodies held or the feeds themselves are used up.
        let stuck = (nextStart >= slots.count && !moreToCome) || inPipeline >= window || heldBytes >= maxHeldBytes
        return stuck && fetching.count == 1 && !(plans.isEmpty && fetchedStages.isEmpty)
    }

    /// Moves a head that is still stalled to the end of the order; returns the feed moved.
    mutating func deferStalledHead() -> Int? {
        guard headIsStalled else { return nil }
        gatheredRun = (-1, 0)
        let head = slots.remove(at: nextWrite)
        slots.append(head)
        moved.insert(head)
        if nextStart > nextWrite { nextStart -= 1 }
        if firstUnplanned > nextWrite { firstUnplanned -= 1 }
        return head
    }
}
