import ArgumentParser
import Configuration
import FeedModel
import FeedParsing
import FeedStorage
import Foundation
import Logging
import Daemon
import Pipeline

struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed", abstract: "Add, list, edit, pause, resume and remove feeds.",
        subcommands: [Add.self, List.self, Edit.self, Pause.self, Resume.self, Remove.self, Import.self, Export.self])
}

extension FeedCommand {
    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Watch a feed (http, https or file URL), or the feed a web page links.",
            discussion: """
                Fetches the feed once and stores what it holds as its first poll, running the trackers \
                on its articles; nothing is added if the URL does not answer with a feed. A web page \
                that links one feed (<link rel="alternate">) adds that feed; one that links several \
                lists them, and nothing is added. With --no-fetch the feed is only recorded, due at once.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The feed's URL, or the path of a feed file.")
        var url: String

        @Option(help: "A title of your own (else the feed's).")
        var title: String?

        @Option(help: ArgumentHelp("How often to poll it, e.g. 10m or 2h (default: the config's interval).", valueName: "duration"))
        var interval: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag (repeatable).", valueName: "tag"))
        var tags: [String] = []

        @Flag(help: "Do not fetch it now; the daemon fetches it on its next cycle.")
        var noFetch = false

        @Option(name: .customLong("header"), help: ArgumentHelp("A request header for this feed, 'Name: value' (repeatable).", valueName: "header"))
        var headers: [String] = []

        @Option(name: .customLong("user-agent"), help: ArgumentHelp("The User-Agent for this feed (else the config's).", valueName: "text"))
        var userAgent: String?

        @Option(help: ArgumentHelp("A file whose first line is USER:PASSWORD, read at each fetch (HTTP basic auth).", valueName: "path"))
        var credentials: String?

        @Option(help: ArgumentHelp("A proxy for this feed: http://host:port or socks5h://host:port (else the environment's).", valueName: "url"))
        var proxy: String?

        /// The headers and credentials file given, checked: bad input names the problem.
        func requestOptions() throws(CommandFailure) -> (headers: [String: String], credentialsFile: String?) {
            var parsed: [String: String] = [:]
            for text in headers + (userAgent.map { ["User-Agent: \($0)"] } ?? []) {
                switch RequestHeader.parse(text) {
                case .success(let header): parsed[header.name] = header.value
                case .failure(let error): throw .badInput(error.description)
                }
            }
            guard let credentials else { return (parsed, nil) }
            return (parsed, try CredentialsFile.checked(credentials))
        }

        func run() async throws {
            let url = try FeedURL.validated(url)
            let seconds = try interval.map { text throws(CommandFailure) in
                Int(try DurationArgument.parse(text, option: "--interval", within: DurationBounds.feedInterval).components.seconds)
            }
            let settings = try global.settings()
            let store = try openStore(settings)
            // The articles it stored are in the search index before the command ends, so that
            // the next command finds them (a daemon's catch-up would, only later).
            defer { try? store.finishSearchIndexing() }
            let options = try requestOptions()
            var record = FeedRecord(url: url, title: title, intervalSeconds: seconds, tags: tags, addedAt: Date())
            record.requestHeaders = options.headers
            record.credentialsFile = options.credentialsFile
            if let proxy {
                switch ProxyAddress.validated(proxy) {
                case .success(let address): record.proxy = address
                case .failure(let error): throw CommandFailure.badInput(error.description)
                }
            }
            // Refused before the fetch; `addFeed` refuses it again should another process add it meanwhile.
            if try storage({ try store.feed(url: url) }) != nil {
                throw CommandFailure.badInput(StorageError.feedExists(url).description)
            }
            if noFetch {
                let feed = try storage { try store.addFeed(record) }
                if output.json {
                    JSONOutput.print(FeedView(feed, articles: 0))
                } else {
                    print("added feed \(feed.id ?? 0): \(feed.url) (not fetched yet)")
                }
                return
            }
            var logger = Logger(label: "feedwatch")
            logger.logLevel = .error
            let cycle: PollCycle
            do {
                cycle = try FeedWatchApp(settings: settings, role: .command, logger: logger, store: store).cycle
            } catch {
                throw CommandFailure.runtime("\(error)")
            }
            let subscription: Subscription
            do {
                subscription = try await FeedCommand.subscribe(record, cycle: cycle, store: store)
            } catch {
                switch error {
                case .notAFeed(let message): throw CommandFailure.badInput("\(url): \(message); nothing added")
                case .discovered(let page, let feeds):
                    // Several feeds: which one is the user's choice.
                    if output.json {
                        JSONOutput.print(feeds)
                    } else {
                        var table = TextTable("FEED", "TYPE", "TITLE")
                        for feed in feeds { table.add(feed.url, feed.type, feed.title ?? "-") }
                        print(table.render())
                    }
                    throw CommandFailure.badInput(
                        "\(page) is a web page linking \(feeds.count) feeds (listed above): add one with `feedwatch feed add URL`; nothing added")
                case .unreachable(let message):
                    throw CommandFailure.runtime("\(url): \(message); nothing added (use --no-fetch to add it anyway)")
                case .storage(.feedExists(let url)): throw CommandFailure.badInput(StorageError.feedExists(url).description)
                case .storage(let error): throw CommandFailure.runtime(error.description)
                case .notStored(let message): throw CommandFailure.runtime("\(url): \(message); nothing added")
                }
            }
            let feed = subscription.feed
            if feed.url != url, !output.json {
                print("\(url) is a web page; it links the feed \(feed.url)")
            }
            if output.json {
                JSONOutput.print(FeedView(feed, articles: subscription.newArticles))
            } else {
                print("added feed \(feed.id ?? 0): \(feed.title ?? "(untitled)") <\(feed.url)>")
                print("  \(Plural.count(subscription.items, "item")), \(Plural.count(subscription.newArticles, "new article")), \(Plural.count(subscription.alerts, "alert"))")
            }
        }
    }

    /// Subscribes to the URL, or, when it is a web page linking exactly one feed, to that feed
    /// (refused like any duplicate if it is already watched).
    static func subscribe(_ record: FeedRecord, cycle: PollCycle, store: any FeedDatabase) async throws(SubscriptionError) -> Subscription {
        do {
            return try await cycle.subscribe(record)
        } catch {
            guard case .discovered(_, let feeds) = error, feeds.count == 1, let found = feeds.first else { throw error }
            let linked: String
            do throws(FeedAddressError) {
                linked = try FeedAddress.validated(found.url)
            } catch {
                throw .notAFeed("a web page linking a feed whose URL is refused: \(error.description)")
            }
            if (try? store.feed(url: linked)) != nil { throw .storage(.feedExists(linked)) }
            var linkedRecord = record
            linkedRecord.url = linked
            return try await cycle.subscribe(linkedRecord)
        }
    }
}

extension FeedCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every feed's health: last fetch, status, errors, next due.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var tagged: TagOptions

        func run() async throws {
            let store = try openStoreForReading(global.settings())
            let chosen = try tagged.feedIDs(in: store)
            let feeds = try storage { try store.feeds() }.filter { chosen?.contains($0.id ?? 0) ?? true }
            let counts = try storage { try store.articleCountsByFeed() }
            let pauses = try storage { try store.hostPauses(after: Date()) }
            let views = feeds.map { feed in
                FeedView(feed, articles: counts[feed.id ?? 0] ?? 0, hostPausedUntil: FeedAddress.host(of: feed.url).flatMap { pauses[$0] })
            }
            if output.json {
                JSONOutput.print(views)
                return
            }
            guard !views.isEmpty else {
                print("no feeds yet: add one with `feedwatch feed add URL`")
                return
            }
            var table = TextTable("ID", "STATUS", "ARTICLES", "LAST FETCH", "NEXT", "FAILS", "FEED")
            for view in views {
                var name = view.title.map { "\($0) <\(view.url)>" } ?? view.url
                if let error = view.lastError { name += "\n        error: \(error)" }
                if view.pausedAt != nil {
                    name += "\n        paused by you (`feedwatch feed resume \(view.id)` polls it again)"
                }
                if let until = view.hostPausedUntil {
                    name += "\n        host paused until \(Timestamp.string(until)) (`feedwatch feed resume \(view.id)` polls it now)"
                }
                table.add(
                    String(view.id), view.status, String(view.articles), TimeText.relative(view.lastFetch),
                    TimeText.relative(view.nextFetch), String(view.consecutiveFailures), name)
            }
            print(table.render())
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop watching a feed (its articles stay).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The feed's id or URL.")
        var feed: String

        func run() async throws {
            let store = try openStore(global.settings())
            let record = try storage { try store.feed(matching: feed) }
            try storage { try store.removeFeed(id: record.id ?? 0) }
            if output.json {
                JSONOutput.print(FeedView(record, articles: 0))
            } else {
                print("removed feed \(record.id ?? 0): \(record.url)")
            }
        }
    }
}

/// A feed as `feed list --json` prints it.
struct FeedView: Encodable {
    var id: Int64
    var url: String
    @NullEncoded var title: String?
    var tags: [String]
    @NullEncoded var intervalSeconds: Int?
    var status: String
    @NullEncoded var lastFetch: Date?
    @NullEncoded var lastSuccess: Date?
    @NullEncoded var lastStatus: Int?
    @NullEncoded var lastError: String?
    var consecutiveFailures: Int
    var nextFetch: Date
    var articles: Int
    /// Its host asked to be left alone until then (429/503 with Retry-After).
    @NullEncoded var hostPausedUntil: Date?
    /// The user paused it then (`feed pause`); not polled until `feed resume`.
    @NullEncoded var pausedAt: Date?
    /// The site the feed belongs to.
    @NullEncoded var htmlUrl: String?
    /// The names of the headers it is requested with (their values may be secrets).
    var requestHeaders: [String]
    @NullEncoded var credentialsFile: String?
    @NullEncoded var proxy: String?

    init(_ feed: FeedRecord, articles: Int, hostPausedUntil: Date? = nil) {
        self.hostPausedUntil = hostPausedUntil
        pausedAt = feed.pausedAt
        htmlUrl = feed.htmlUrl
        requestHeaders = feed.requestHeaders.keys.sorted()
        credentialsFile = feed.credentialsFile
        proxy = feed.proxy
        id = feed.id ?? 0
        url = feed.url
        title = feed.title
        tags = feed.tags
        intervalSeconds = feed.intervalSeconds
        status = hostPausedUntil != nil && feed.health != "quarantined" ? "paused" : feed.health
        lastFetch = feed.lastFetchAt
        lastSuccess = feed.lastSuccessAt
        lastStatus = feed.lastStatus
        lastError = feed.lastError
        consecutiveFailures = feed.consecutiveFailures
        nextFetch = feed.nextFetchAt
        self.articles = articles
    }
}
