import FeedModel
import FeedStorage
import Foundation
import Testing
import TestSupport

/// Several daemons on one PostgreSQL database: each due feed and each delivery goes to one of
/// them, and what two of them store at the same moment is stored once.
@Suite struct PostgresSharingTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func stores(_ count: Int, leaseSeconds: Double = 60, leaseBatch: Int = 200, perHost: Int = 2) throws -> [PostgresStore] {
        let address = try PostgresTestServer.createAddress()
        return try (0..<count).map { _ in
            try PostgresStore(address: address, leaseSeconds: leaseSeconds, leaseBatch: leaseBatch, perHost: perHost)
        }
    }

    @Test func eachDueFeedIsLeasedToOneDaemonUntilItsLeaseExpires() throws {
        let daemons = try stores(2, leaseBatch: 3)
        _ = try daemons[0].addFeeds((1...5).map { FeedRecord(url: "https://f\($0).example/feed", addedAt: now) })
        let first = try daemons[0].dueFeeds(at: now)
        let second = try daemons[1].dueFeeds(at: now)
        #expect(first.count == 3, "a batch at a time, so that daemons share a backlog")
        #expect(second.count == 2)
        #expect(Set(first.compactMap(\.id)).isDisjoint(with: second.compactMap(\.id)))
        #expect(try daemons[0].dueFeeds(at: now).isEmpty, "every due feed is leased")

        // The first daemon saves one fetch and dies with the other two leased.
        var fetched = first[0]
        fetched.lastFetchAt = now
        fetched.nextFetchAt = now.addingTimeInterval(900)
        try daemons[0].saveFetchState(fetched)
        #expect(try daemons[1].dueFeeds(at: now.addingTimeInterval(30)).isEmpty, "leased for a minute")
        let later = now.addingTimeInterval(61)
        let takenOver = try daemons[1].dueFeeds(at: later) + daemons[1].dueFeeds(at: later)
        #expect(takenOver.count == 4, "no feed twice")
        #expect(Set(takenOver.compactMap(\.id)) == Set(first.dropFirst().compactMap(\.id)).union(second.compactMap(\.id)))
    }

    /// Of a host's `per_host` places, a lone daemon takes them all; with another alive (a recent
    /// heartbeat), its share.
    @Test func aHostsPlacesAreSharedAmongTheDaemonsAlive() throws {
        let daemons = try stores(2, perHost: 4)
        _ = try daemons[0].addFeeds((1...8).map { FeedRecord(url: "https://one.example/f\($0)", addedAt: now) })
        #expect(try daemons[0].dueFeeds(at: now).count == 4, "alone: every place")
        let later = now.addingTimeInterval(61)
        try daemons[0].saveDaemonStatus(DaemonStatus(pid: 1, startedAt: later))
        try daemons[1].saveDaemonStatus(DaemonStatus(pid: 2, startedAt: later))
        #expect(try daemons[1].dueFeeds(at: later).count == 2, "two alive: half the places each")
        #expect(try daemons[0].dueFeeds(at: later).count == 2)
        #expect(try daemons[0].dueFeeds(at: later).isEmpty, "never more than per_host in all")
    }

    @Test func theSameStoryFromTwoDaemonsAtOnceIsStoredOnceAndAlertedOnce() async throws {
        let daemons = try stores(2)
        let feeds = try daemons[0].addFeeds([
            FeedRecord(url: "https://a.example/feed", addedAt: now), FeedRecord(url: "https://b.example/feed", addedAt: now),
        ])
        let items = (1...40).map { index in
            ParsedItem(
                id: "guid-\(index)", title: "Story \(index)", link: "https://x.example/\(index)", published: nil, updated: nil, author: nil,
                summary: "Envoys met \(index).", content: nil, categories: [], text: "Envoys met \(index).",
                contentHash: String(format: "%064x", index))
        }
        let time = now
        let stored = try await withThrowingTaskGroup(of: Int.self) { group in
            for (daemon, feed) in zip(daemons, feeds) {
                group.addTask {
                    try await daemon.ingest { session in
                        var alerts = 0
                        for item in items {
                            let article = try session.ingest(item, feedID: feed.id ?? 0, at: time).article
                            let alert = Alert(id: "alert-\(item.id)", time: Timestamp.string(time), kind: .keywordMatched, tracker: "t")
                            if try session.insert(
                                PendingAlert(trackerID: nil, time: time, alert: alert), articleID: article?.id, feedID: feed.id) != nil {
                                alerts += 1
                            }
                        }
                        return alerts
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(stored == 40, "each alert id inserted once, by whichever daemon committed it first")
        let counts = try daemons[0].counts()
        #expect(counts.articles == 40)
        #expect(counts.sources == 80, "each feed carries each story")
        #expect(counts.alerts == 40)
    }

    @Test func aDeliveryLeasedByOneDaemonIsSkippedByTheOther() throws {
        let daemons = try stores(2)
        _ = try daemons[0].record(
            [PendingAlert(trackerID: nil, time: now, alert: Alert(id: "a1", time: Timestamp.string(now), kind: .feedFailing))], feedID: nil)
        try daemons[0].markLogged([LoggedAlert(id: "a1", sinks: ["pager"])], at: now)
        try daemons[1].markLogged([LoggedAlert(id: "a1", sinks: ["pager"])], at: now)
        let taken = try daemons[0].pendingDeliveries(for: "pager", limit: 10)
        #expect(taken.map(\.alertID) == ["a1"])
        #expect(try daemons[1].pendingDeliveries(for: "pager", limit: 10).isEmpty)
        try daemons[0].markDelivered(taken[0], at: now)
        #expect(try daemons[1].pendingDeliveries(for: "pager", limit: 10).isEmpty)
        #expect(try daemons[1].outboxSummary().first?.pending == 0)
    }

    @Test func anAlertGoesToTheLogOfTheDaemonThatRaisedIt() throws {
        let address = try PostgresTestServer.createAddress()
        let raiser = try PostgresStore(address: address)
        let other = try PostgresStore(address: address)
        let orphanTaker = try PostgresStore(address: address, leaseSeconds: 0)
        _ = try raiser.record(
            [PendingAlert(trackerID: nil, time: now, alert: Alert(id: "a1", time: Timestamp.string(now), kind: .feedFailing))], feedID: nil)
        #expect(try raiser.unloggedAlerts().map(\.alert.id) == ["a1"])
        #expect(try other.unloggedAlerts().isEmpty, "not another live daemon's to log")
        #expect(try orphanTaker.unloggedAlerts().map(\.alert.id) == ["a1"], "left unlogged longer than a lease: taken over")
    }

    @Test func aHostPauseKeepsTheLatestTimeAnyDaemonSet() throws {
        let daemons = try stores(2)
        try daemons[0].pauseHost("a.example", until: now.addingTimeInterval(600), reason: "Retry-After")
        try daemons[1].pauseHost("a.example", until: now.addingTimeInterval(60), reason: "HTTP 429")
        #expect(try daemons[1].hostPauses(after: now) == ["a.example": now.addingTimeInterval(600)])
    }

    @Test func searchFindsWordsPhrasesPrefixesAndAlternatives() throws {
        let store = try stores(1)[0]
        let feed = try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        let texts = ["Envoys discussed a CEASEFIRE in Geneva.", "Grain exports resumed through the corridor.", "A ceasefire line was drawn."]
        for (index, text) in texts.enumerated() {
            let item = ParsedItem(
                id: "g\(index)", title: "Story \(index)", link: nil, published: nil, updated: nil, author: nil, summary: text,
                content: nil, categories: [], text: text, contentHash: String(format: "%064x", index + 1))
            _ = try store.ingestNow { try $0.ingest(item, feedID: feed.id ?? 0, at: now.addingTimeInterval(Double(index))) }
        }
        func titles(_ query: String) throws -> [String?] { try store.articles(search: SearchQuery(query)).map(\.title) }
        #expect(try titles("ceasefire") == ["Story 2", "Story 0"], "newest first, whatever the case")
        #expect(try titles("ceasefire geneva") == ["Story 0"])
        #expect(try titles("\"ceasefire line\"") == ["Story 2"])
        #expect(try titles("corr*") == ["Story 1"])
        #expect(try titles("geneva OR grain") == ["Story 1", "Story 0"])
        #expect(try titles("'; DROP TABLE articles; --") == [])
        #expect(try store.counts().articles == 3)
    }

    /// A statement that failed inside a transaction whose caller went on aborts it: the server
    /// rolls it back at COMMIT, and the store says so rather than report it stored.
    @Test func aTransactionAFailedStatementAbortedIsNeverTakenForStored() throws {
        let store = try stores(1)[0]
        let feed = try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        let item = ParsedItem(
            id: "g1", title: "Story", link: nil, published: nil, updated: nil, author: nil, summary: "Text.", content: nil,
            categories: [], text: "Text.", contentHash: String(format: "%064x", 7))
        let time = now
        #expect {
            try store.ingestNow { session in
                let article = try session.ingest(item, feedID: feed.id ?? 0, at: time).article
                // A reading for a tracker that does not exist: the foreign key refuses it.
                _ = try? session.ledger.record(FigureObservation(
                    trackerID: 999, articleID: article?.id ?? 0, feedID: feed.id, value: 1, unit: "count", text: "1", sentence: "1",
                    articleURL: nil, published: time, seenAt: time, raised: nil))
                return 1
            }
        } throws: { error in
            (error as? StorageError)?.description.contains("none of it was stored") == true
        }
        #expect(try store.counts().articles == 0)
    }

    @Test func aPasswordIsNeverShown() throws {
        let address = try PostgresAddress(parsing: "postgresql://watcher:s3cret@db.example:6432/news?sslmode=require")
        #expect(address.password == "s3cret")
        #expect(!address.description.contains("s3cret"))
        #expect(address.description == "postgresql://watcher@db.example:6432/news?sslmode=require")
    }
}
