import FeedModel
import FeedStorage
import GRDB
import Foundation
import Testing
import TestSupport

@Suite struct FeedStoreTests {
    let directory = TemporaryDirectory()
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    func item(_ guid: String, title: String = "Ceasefire talks", body: String = "Envoys met.") -> ParsedItem {
        ParsedItem(
            id: guid, title: title, link: "https://x.example/\(guid)", published: nil, updated: nil, author: nil,
            summary: body, content: nil, categories: [], text: body, contentHash: "hash-\(title)-\(body)")
    }

    @Test(arguments: Backend.allCases) func addsFindsAndRemovesFeeds(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        let feed = try store.addFeed(FeedRecord(url: "https://a.example/feed", title: "A", intervalSeconds: 600, tags: ["war"], addedAt: now))
        #expect(feed.id == 1)
        #expect(try store.feed(matching: "1").url == "https://a.example/feed")
        #expect(try store.feed(matching: "https://a.example/feed").title == "A")
        #expect(throws: StorageError.feedExists("https://a.example/feed")) {
            try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        }
        #expect(try store.dueFeeds(at: now).count == 1)
        try store.removeFeed(id: 1)
        #expect(try store.feeds().isEmpty)
        #expect(throws: StorageError.feedNotFound("1")) { try store.feed(matching: "1") }
    }

    /// A cycle reads its feeds a page at a time: the pages hold every feed once, in order, and a
    /// page whose fetches were not stored (nothing is saved here) is not handed out again.
    @Test(arguments: Backend.allCases) func feedsComeAPageAtATime(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        // Added (so first due) at these offsets from now; the fourth is not due, the fifth is paused.
        for (host, offset) in [(1, -60.0), (2, -120), (3, -60), (4, 3_600), (5, -30), (6, -120)] {
            _ = try store.addFeed(FeedRecord(url: "https://h\(host).example/feed", addedAt: now.addingTimeInterval(offset)))
        }
        try store.setPaused(feedIDs: [5], at: now, now: now)
        var pages: [[Int64]] = []
        var last: FeedRecord?
        for _ in 0..<5 {
            let page = try store.dueFeeds(at: now, after: last, limit: 3)
            guard let end = page.last else { break }
            pages.append(page.compactMap(\.id))
            last = end
        }
        #expect(pages == [[2, 6, 1], [3]], "soonest first, ties by id, three to a page")
        var everyFeed: [[Int64]] = []
        var after: Int64 = 0
        for _ in 0..<5 {
            let page = try store.feeds(after: after, limit: 2)
            guard let end = page.last?.id else { break }
            everyFeed.append(page.compactMap(\.id))
            after = end
        }
        #expect(everyFeed == [[1, 2], [3, 4], [5, 6]])
    }

    /// A page's cursor is the last feed as read; a feed whose stored next fetch has milliseconds
    /// (written by a fetch) is not handed out again after it, however its time reads back.
    @Test(arguments: Backend.allCases) func aCursorWithMillisecondsHandsNoFeedOutTwice(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        // Times whose milliseconds a Double holds just below the digits written, among others.
        let count = 40
        for host in 1...count {
            var feed = try store.addFeed(FeedRecord(url: "https://m\(host).example/feed", addedAt: now))
            feed.nextFetchAt = now.addingTimeInterval(-10 - Double(host) * 0.0137)
            try store.saveFetchState(feed)
        }
        var seen: [Int64] = []
        var last: FeedRecord?
        for _ in 0..<(2 * count) {
            let page = try store.dueFeeds(at: now, after: last, limit: 1)
            guard let end = page.last else { break }
            seen += page.compactMap(\.id)
            last = end
        }
        #expect(seen == Array((1...Int64(count)).reversed()), "each once, soonest first")
    }

    /// Feeds are read column by column: every field comes back as it was written.
    @Test(arguments: Backend.allCases) func aFeedReadsBackEveryField(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        var feed = FeedRecord(url: "https://a.example/feed", title: "Wire «A»", intervalSeconds: 900, tags: ["war", "talks"], addedAt: now)
        feed.etag = "\"v1\""
        feed.lastModified = "Tue, 01 Dec 2026 09:00:00 GMT"
        feed.bodyHash = String(repeating: "ab", count: 32)
        feed.lastFetchAt = now.addingTimeInterval(60)
        feed.lastSuccessAt = now.addingTimeInterval(30)
        feed.lastStatus = 503
        feed.lastError = "HTTP 503"
        feed.consecutiveFailures = 2
        feed.nextFetchAt = now.addingTimeInterval(1_800)
        feed.redirectCandidate = "https://b.example/feed"
        feed.serverIntervalSeconds = 3_600
        feed.quarantinedBodyHash = String(repeating: "cd", count: 32)
        feed.quarantinedAt = now.addingTimeInterval(90)
        feed.htmlUrl = "https://a.example/"
        feed.requestHeaders = ["X-Token": "secret", "Accept-Language": "fr"]
        feed.credentialsFile = "/etc/feedwatch/a.credentials"
        feed.proxy = "http://proxy.example:3128"
        feed.pausedAt = now.addingTimeInterval(120)
        let added = try store.addFeed(feed)
        feed.id = added.id
        #expect(try store.feeds() == [feed])
        #expect(try store.feed(matching: "https://a.example/feed") == feed)
    }

    @Test(arguments: Backend.allCases) func ingestDeduplicatesByGuidThenByContentHash(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        let first = try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        let second = try store.addFeed(FeedRecord(url: "https://b.example/feed", addedAt: now))
        let items = [item("a1"), item("a2", title: "Other")]
        let firstTime = try store.ingestNow { transaction in try items.map { try transaction.ingest($0, feedID: first.id!, at: now) } }
        #expect(firstTime.compactMap(\.article).count == 2)
        let again = try store.ingestNow { transaction in try items.map { try transaction.ingest($0, feedID: first.id!, at: now) } }
        #expect(again == [.alreadySeen, .alreadySeen])
        let syndicated = try store.ingestNow { try $0.ingest(item("b-77"), feedID: second.id!, at: now) }
        #expect(syndicated == .republished)
        #expect(try store.counts().articles == 2)
        let sources = try store.sources(ofArticle: firstTime[0].article!.id!)
        #expect(sources.map(\.guid) == ["a1", "b-77"])
    }

    /// A guid whose content changes is a revision of its article; changed back, it is the first again.
    @Test(arguments: Backend.allCases) func aChangedItemIsARevisionOfItsArticle(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        let feed = try #require(try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now)).id)
        let first = try #require(try store.ingestNow { try $0.ingest(item("g1", body: "Envoys met."), feedID: feed, at: now) }.article)
        let changed = try store.ingestNow { try $0.ingest(item("g1", body: "Envoys met again."), feedID: feed, at: now) }
        guard case .revision(let revision) = changed else { Issue.record("not a revision: \(changed)"); return }
        #expect(revision.revisionOf == first.id)
        #expect(revision.story == first.id, "a revision stays in its article's story")
        #expect(try store.sources(ofArticle: first.id ?? 0).isEmpty, "the guid now carries the revision")
        #expect(try store.sources(ofArticle: revision.id ?? 0).map(\.guid) == ["g1"])
        let back = try store.ingestNow { try $0.ingest(item("g1", body: "Envoys met."), feedID: feed, at: now) }
        #expect(back == .alreadySeen)
        #expect(try store.sources(ofArticle: first.id ?? 0).map(\.guid) == ["g1"])
        #expect(try store.counts().articles == 2)
    }

    /// A JSON feed may carry U+0000 in any text; SQLite keeps it, PostgreSQL's text cannot hold it.
    @Test(arguments: Backend.allCases) func anItemWithANulCharacterIsStoredOnce(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        let feed = try #require(try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now)).id)
        let nul = ParsedItem(
            id: "a\u{0}b", title: "Nul\u{0} here", link: "https://x.example/1", published: nil, updated: nil, author: "A\u{0}",
            summary: "Text \u{0}", content: nil, categories: ["c\u{0}"], text: "Text \u{0} nul", contentHash: "hash-nul")
        let first = try store.ingestNow { try $0.ingest(nul, feedID: feed, at: now) }
        #expect(first.article != nil)
        #expect(try store.ingestNow { try $0.ingest(nul, feedID: feed, at: now) } == .alreadySeen)
        #expect(try store.knownItems(feedID: feed, guids: [nul.id], contentHashes: [nul.contentHash]).mayBeNew(guid: nul.id, contentHash: nul.contentHash) == false)
        #expect(try store.articles(limit: 5).count == 1)
    }

    @Test(arguments: Backend.allCases) func anAlertIsStoredOncePerTrackerAndArticle(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        let feed = try store.addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        let tracker = try store.addTracker(name: "ceasefire", rule: .keyword(KeywordRule(terms: ["ceasefire"])), at: now)
        func pending(_ id: String) -> PendingAlert {
            PendingAlert(trackerID: tracker.id, time: now, alert: Alert(id: id, time: Timestamp.string(now), kind: .keywordMatched, tracker: "ceasefire"))
        }
        let inserted = try store.ingestNow { transaction in
            let article = try transaction.ingest(item("a1"), feedID: feed.id!, at: now).article
            return try [pending("alert-1"), pending("alert-2")].compactMap {
                try transaction.insert($0, articleID: article?.id, feedID: feed.id)
            }
        }
        #expect(inserted.map(\.alert.id) == ["alert-1"])
        #expect(try store.unloggedAlerts().map(\.alert.id) == ["alert-1"])
        #expect(try store.unloggedAlerts().map(\.line) == inserted.map(\.line), "read back as it was stored")
        try store.markLogged(["alert-1"])
        #expect(try store.unloggedAlerts().isEmpty)
        #expect(try store.alerts(tracker: "ceasefire").count == 1)
    }

    /// Two processes adding the same URL or tracker name: the second hears which, and the first's row stays.
    @Test(arguments: Backend.allCases) func duplicatesFromAnotherConnectionAreRefusedByName(_ backend: Backend) throws {
        let database = try backend.makeDatabase(in: directory)
        let first = try database.open()
        let second = try database.open()
        let feed = try first.addFeed(FeedRecord(url: "https://a.example/feed", title: "First", addedAt: now))
        #expect(throws: StorageError.feedExists("https://a.example/feed")) {
            try second.addFeed(FeedRecord(url: "https://a.example/feed", title: "Second", addedAt: now))
        }
        #expect(try second.feed(url: "https://a.example/feed")?.id == feed.id)
        #expect(try second.feed(url: "https://a.example/feed")?.title == "First")
        #expect(try second.feed(url: "https://a.example/feed/") == nil, "an exact match, not a prefix")
        #expect(try second.feeds().count == 1)

        let rule = KeywordRule(terms: ["IAEA"])
        _ = try first.addTracker(name: "iaea", rule: .keyword(rule), at: now)
        #expect(throws: StorageError.trackerExists("iaea")) {
            try second.addTracker(name: "iaea", rule: .keyword(KeywordRule(terms: ["other"])), at: now)
        }
        #expect(try second.trackers().map(\.rule) == [.keyword(rule)])
    }

    @Test(arguments: Backend.allCases) func trackersRoundTripTheirRules(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        let rule = KeywordRule(terms: ["Zaporizhzhia nuclear plant", "IAEA"], requireAll: true, exclude: ["opinion"])
        _ = try store.addTracker(name: "znpp", rule: .keyword(rule), at: now)
        #expect(throws: StorageError.trackerExists("znpp")) { try store.addTracker(name: "znpp", rule: .keyword(rule), at: now) }
        #expect(try store.trackers().first?.rule == .keyword(rule))
        try store.removeTracker(named: "znpp")
        #expect(throws: StorageError.trackerNotFound("znpp")) { try store.removeTracker(named: "znpp") }
    }

    @Test(arguments: Backend.allCases) func fetchStateKeepsACustomTitle(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        var feed = try store.addFeed(FeedRecord(url: "https://a.example/feed", title: "Mine", addedAt: now))
        feed.title = "Theirs"
        feed.etag = "\"e\""
        feed.lastError = "HTTP 500"
        feed.consecutiveFailures = 2
        try store.saveFetchState(feed)
        let saved = try #require(try store.feed(id: feed.id!))
        #expect(saved.title == "Mine")
        #expect(saved.etag == "\"e\"")
        #expect(saved.health == "new")
        #expect(saved.consecutiveFailures == 2)
    }

    /// A write batch saves the fetch states of feeds with nothing else to store together, each
    /// as `saveFetchState` would (a custom title kept).
    @Test(arguments: Backend.allCases) func fetchStatesAreSavedTogether(_ backend: Backend) throws {
        let store = try backend.makeDatabase(in: directory).open()
        var feeds: [FeedRecord] = []
        for host in 1...3 {
            var feed = try store.addFeed(FeedRecord(url: "https://s\(host).example/feed", title: "Mine \(host)", addedAt: now))
            feed.title = "Theirs"
            feed.etag = "\"e\(host)\""
            feed.lastStatus = 304
            feed.nextFetchAt = now.addingTimeInterval(Double(host) * 60)
            feeds.append(feed)
        }
        try store.ingestNow { session in try session.saveFetchStates(feeds) }
        for (index, feed) in feeds.enumerated() {
            let saved = try #require(try store.feed(id: feed.id ?? 0))
            #expect(saved.title == "Mine \(index + 1)", "a custom title survives")
            #expect(saved.etag == "\"e\(index + 1)\"")
            #expect(saved.lastStatus == 304)
            #expect(saved.nextFetchAt == now.addingTimeInterval(Double(index + 1) * 60))
        }

    }

    /// If one of the states cannot be saved, none is, and the transaction goes on (the writer
    /// then saves each on its own). The database itself refuses one: a trigger.
    @Test(arguments: Backend.allCases) func fetchStatesThatCannotAllBeSavedLeaveTheTransactionStanding(_ backend: Backend) throws {
        let store: any FeedDatabase
        switch backend {
        case .sqlite:
            let path = directory.file("feedwatch.sqlite")
            store = try SQLiteStore(path: path)
            try DatabaseQueue(path: path).write { db in
                try db.execute(sql: """
                    CREATE TRIGGER refuse_boom BEFORE UPDATE ON feeds WHEN NEW.etag = '"boom"'
                    BEGIN SELECT RAISE(ABORT, 'refused'); END
                    """)
            }
        case .postgres:
            let url = try PostgresTestServer.createDatabase()
            store = try PostgresStore(address: PostgresAddress(parsing: url), leaseSeconds: 60)
            let result = try Programs.runSystem("/usr/bin/psql", ["-v", "ON_ERROR_STOP=1", "-q", url, "-c", """
                CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.etag = '"boom"' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER refuse_boom BEFORE UPDATE ON feeds FOR EACH ROW EXECUTE FUNCTION refuse_boom();
                """])
            try #require(result.status == 0, "\(result.stderr)")
        }
        var feeds: [FeedRecord] = []
        for host in 1...3 {
            var feed = try store.addFeed(FeedRecord(url: "https://t\(host).example/feed", addedAt: now))
            feed.etag = host == 3 ? "\"boom\"" : "\"changed\""
            feeds.append(feed)
        }
        let refused = try store.ingestNow { session -> Bool in
            let refused = (try? session.saveFetchStates(feeds)) == nil
            var first = feeds[0]
            first.etag = "\"alone\""
            try session.saveFetchState(first)
            return refused
        }
        #expect(refused)
        #expect(try store.feed(id: feeds[1].id ?? 0)?.etag == nil, "none of the three saved")
        #expect(try store.feed(id: feeds[0].id ?? 0)?.etag == "\"alone\"", "the transaction went on")
    }

    @Test(arguments: Backend.allCases) func reopeningAnExistingDatabaseKeepsItsData(_ backend: Backend) throws {
        let database = try backend.makeDatabase(in: directory)
        _ = try database.open().addFeed(FeedRecord(url: "https://a.example/feed", addedAt: now))
        #expect(try database.open().feeds().count == 1)
    }

    @Test func anUnopenableDatabaseIsReported() {
        #expect {
            try SQLiteStore(path: "/proc/feedwatch/nope.sqlite")
        } throws: { error in
            guard case .cannotOpen(let path, _) = error as? StorageError else { return false }
            return path == "/proc/feedwatch/nope.sqlite"
        }
    }
}
