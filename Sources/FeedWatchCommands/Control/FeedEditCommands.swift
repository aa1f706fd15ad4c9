import ArgumentParser
import Configuration
import FeedModel
import FeedStorage
import Foundation

extension FeedCommand {
    /// Changes what the user chose of a feed without removing it (its articles, alerts and
    /// fetch state stay).
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a feed's title, interval, tags, request headers, credentials or proxy.",
            discussion: "A running daemon uses the new interval from the feed's next poll on.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The feed's id or URL.")
        var feed: String

        @Option(help: "A title of your own (the feed's own title no longer replaces it).")
        var title: String?

        @Option(help: ArgumentHelp("How often to poll it, e.g. 10m or 2h; `default` for the config's interval.", valueName: "duration"))
        var interval: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("Add a tag (repeatable).", valueName: "tag"))
        var tags: [String] = []

        @Option(name: .customLong("untag"), help: ArgumentHelp("Remove a tag (repeatable).", valueName: "tag"))
        var untags: [String] = []

        @Option(name: .customLong("header"), help: ArgumentHelp("Add or replace a request header, 'Name: value' (repeatable).", valueName: "header"))
        var headers: [String] = []

        @Option(name: .customLong("remove-header"), help: ArgumentHelp("Stop sending this header (repeatable).", valueName: "name"))
        var removedHeaders: [String] = []

        @Option(help: ArgumentHelp("A credentials file (USER:PASSWORD), or `none`.", valueName: "path"))
        var credentials: String?

        @Option(help: ArgumentHelp("A proxy for this feed, or `none` for the environment's.", valueName: "url"))
        var proxy: String?

        func validate() throws {
            if title == nil, interval == nil, tags.isEmpty, untags.isEmpty, headers.isEmpty, removedHeaders.isEmpty, credentials == nil, proxy == nil {
                throw ValidationError("nothing to change: give --title, --interval, --tag, --untag, --header, --remove-header, --credentials or --proxy")
            }
            if let title { try FeedText.check(title, what: "--title") }
            for tag in tags + untags { try FeedText.check(tag, what: "a tag") }
        }

        func run() async throws {
            var seconds: Int??
            if let interval {
                seconds = interval == "default"
                    ? .some(nil)
                    : .some(Int(try DurationArgument.parse(interval, option: "--interval", within: DurationBounds.feedInterval).components.seconds))
            }
            var added: [String: String] = [:]
            for text in headers {
                switch RequestHeader.parse(text) {
                case .success(let header): added[header.name] = header.value
                case .failure(let error): throw CommandFailure.badInput(error.description)
                }
            }
            var credentialsFile: String??
            if let credentials {
                credentialsFile = credentials == "none" ? .some(nil) : .some(try CredentialsFile.checked(credentials))
            }
            var proxyAddress: String??
            if let proxy {
                switch proxy == "none" ? .success("") : ProxyAddress.validated(proxy) {
                case .success(let address): proxyAddress = .some(address.isEmpty ? nil : address)
                case .failure(let error): throw CommandFailure.badInput(error.description)
                }
            }
            let removed = Set(removedHeaders.map { $0.lowercased() })
            let store = try openStore(global.settings())
            let record = try storage { try store.feed(matching: feed) }
            let edited = try storage {
                try store.editFeed(id: record.id ?? 0, title: title, intervalSeconds: seconds, addTags: tags, removeTags: untags) { [added, credentialsFile, proxyAddress] feed in
                    feed.requestHeaders = feed.requestHeaders.filter { !removed.contains($0.key.lowercased()) }
                    for (name, value) in added {
                        // One header per name, whatever its letter case.
                        feed.requestHeaders = feed.requestHeaders.filter { $0.key.lowercased() != name.lowercased() }
                        feed.requestHeaders[name] = value
                    }
                    if let credentialsFile { feed.credentialsFile = credentialsFile }
                    if let proxyAddress { feed.proxy = proxyAddress }
                }
            }
            if output.json {
                JSONOutput.print(FeedView(edited, articles: try storage { try store.articleCountsByFeed() }[edited.id ?? 0] ?? 0))
                return
            }
            let polled = edited.intervalSeconds.map { "polled every " + DurationText.format(.seconds($0)) } ?? "polled at the default interval"
            let tagged = edited.tags.isEmpty ? "no tags" : "tags " + edited.tags.joined(separator: ", ")
            print(TerminalText.escaped("feed \(edited.id ?? 0): \(edited.title ?? edited.url); \(polled); \(tagged)"))
        }
    }

    /// Stops polling a feed and keeps everything it brought.
    struct Pause: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Stop polling a feed until `feed resume` (its articles and alerts stay).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The feed's id or URL.")
        var feed: String

        func run() async throws {
            let store = try openStore(global.settings())
            let record = try storage { try store.feed(matching: feed) }
            let id = record.id ?? 0
            if record.pausedAt == nil { try storage { try store.setPaused(feedIDs: [id], at: Date()) } }
            let paused = try storage { try store.feed(matching: String(id)) }
            if output.json {
                JSONOutput.print(FeedView(paused, articles: try storage { try store.articleCountsByFeed() }[id] ?? 0))
            } else {
                print("paused feed \(id): \(TerminalText.escaped(record.url)) (`feedwatch feed resume \(id)` polls it again)")
            }
        }
    }
}

/// A `--credentials` file: it must exist and start with USER:PASSWORD; kept as an absolute path.
enum CredentialsFile {
    static func checked(_ path: String) throws(CommandFailure) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard let contents = FileManager.default.contents(atPath: absolute) else {
            throw .badInput("cannot read the credentials file '\(TerminalText.quoted(path))'")
        }
        guard FeedCredentials(contents) != nil else {
            throw .badInput("the credentials file '\(TerminalText.quoted(path))' must start with a line USER:PASSWORD")
        }
        return absolute
    }
}

/// Titles and tags as the user types them: one line, no control characters, at most 200 characters.
enum FeedText {
    static func check(_ text: String, what: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 200, !TerminalText.hasControlCharacters(trimmed) else {
            throw ValidationError("\(what) must be 1-200 characters on one line, without control characters")
        }
    }
}
