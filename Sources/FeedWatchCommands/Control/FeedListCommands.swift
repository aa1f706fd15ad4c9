import ArgumentParser
import Configuration
import FeedModel
import FeedParsing
import FeedStorage
import Foundation

extension FeedCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add the feeds of an OPML file (folders become tags) or of a list of URLs, one per line.",
            discussion: "Feeds already watched are skipped. Nothing is fetched: the daemon polls the new feeds at once.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "An OPML file, a text file of URLs, or - for standard input.")
        var file: String

        func run() async throws {
            let data: Data?
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                data = FileManager.default.contents(atPath: file)
            }
            guard let data else { throw CommandFailure.badInput("cannot read file '\(TerminalText.quoted(file))'") }
            let subscriptions = try Self.subscriptions(in: Array(data), named: file)
            let store = try openStore(global.settings())
            let now = Date()
            let progress = ProgressLine(total: subscriptions.count, label: "importing")
            var added: [FeedRecord] = []
            // In batches: one transaction each, and a progress line on a terminal.
            for start in stride(from: 0, to: subscriptions.count, by: 500) {
                let batch = subscriptions[start..<min(start + 500, subscriptions.count)].map {
                    var record = FeedRecord(url: $0.url, title: $0.title, intervalSeconds: $0.intervalSeconds, tags: $0.tags, addedAt: now)
                    record.htmlUrl = $0.htmlURL
                    return record
                }
                added += try storage { try store.addFeeds(batch) }
                progress.update(min(start + 500, subscriptions.count))
            }
            progress.finish()
            if output.json {
                JSONOutput.print(ImportView(added: added.count, skipped: subscriptions.count - added.count))
            } else {
                print("imported \(Plural.count(added.count, "feed")) (\(subscriptions.count - added.count) already watched)")
            }
        }

        /// The feeds of an OPML document or a list of URLs. Anything wrong (a truncated or
        /// malformed document, a URL that is refused, no feed at all, binary data) is an error
        /// that names the problem, and nothing is imported.
        static func subscriptions(in bytes: [UInt8], named name: String) throws(CommandFailure) -> [OPMLDocument.Subscription] {
            let shown = TerminalText.quoted(name)
            guard bytes.contains(where: { !Self.isSpace($0) }) else {
                throw .badInput("\(shown) is empty: nothing to import")
            }
            let head = String(decoding: bytes.prefix(512), as: UTF8.self)
            if head.contains("<opml") || head.hasPrefix("<?xml") || head.hasPrefix("\u{FEFF}<") {
                let subscriptions: [OPMLDocument.Subscription]
                do {
                    subscriptions = try OPMLDocument.parse(bytes).subscriptions
                } catch {
                    throw .badInput("\(shown): \(TerminalText.quoted(error.description, limit: 200)); nothing imported")
                }
                guard !subscriptions.isEmpty else {
                    throw .badInput("\(shown): the OPML document lists no feed (no outline with an xmlUrl); nothing imported")
                }
                var checked: [OPMLDocument.Subscription] = []
                for subscription in subscriptions {
                    do throws(FeedAddressError) {
                        let url = try FeedAddress.validated(subscription.url)
                        var valid = subscription
                        valid.url = url
                        checked.append(valid)
                    } catch {
                        throw .badInput("\(shown): \(error.description); nothing imported")
                    }
                    if let seconds = subscription.intervalSeconds, !DurationBounds.feedInterval.contains(.seconds(seconds)) {
                        throw .badInput(
                            "\(shown): feed \(TerminalText.quoted(subscription.url)) has interval=\"\(seconds)\" (seconds), "
                                + "outside \(DurationBounds.describe(DurationBounds.feedInterval)); nothing imported")
                    }
                }
                return checked
            }
            // Text is UTF-8 without NUL bytes; anything else is not a list of URLs.
            guard !bytes.contains(0), String(validating: bytes, as: UTF8.self) != nil else {
                throw .badInput("\(shown) is neither an OPML document nor a list of URLs (binary data); nothing imported")
            }
            var subscriptions: [OPMLDocument.Subscription] = []
            for (number, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if text.isEmpty || text.hasPrefix("#") { continue }
                do {
                    subscriptions.append(.init(url: try FeedAddress.validated(text), title: nil, tags: []))
                } catch {
                    throw .badInput("\(shown):\(number + 1): \(error.description); nothing imported")
                }
            }
            guard !subscriptions.isEmpty else { throw .badInput("\(shown) lists no feed URL: nothing to import") }
            return subscriptions
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print every feed as OPML 2.0 (tags become folders); with --json, as a JSON array.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let store = try openStoreForReading(global.settings())
            let feeds = try storage { try store.feeds() }
            if output.json {
                JSONOutput.print(feeds.map {
                    ExportedFeed(url: $0.url, title: $0.title, tags: $0.tags, intervalSeconds: $0.intervalSeconds, htmlUrl: $0.htmlUrl)
                })
                return
            }
            let document = OPMLDocument(
                title: "FeedWatch subscriptions",
                subscriptions: feeds.map {
                    .init(url: $0.url, title: $0.title, tags: $0.tags, htmlURL: $0.htmlUrl, intervalSeconds: $0.intervalSeconds)
                })
            print(document.rendered(), terminator: "")
        }
    }
}

/// A feed as `feed export --json` prints it: what an import needs to watch it again.
struct ExportedFeed: Encodable {
    var url: String
    @NullEncoded var title: String?
    var tags: [String]
    @NullEncoded var intervalSeconds: Int?
    @NullEncoded var htmlUrl: String?
}

struct ImportView: Encodable {
    var added: Int
    var skipped: Int
}

/// `importing 1500/2000` rewritten in place on a terminal; silent otherwise.
struct ProgressLine {
    let total: Int
    let label: String
    private let enabled = isatty(STDERR_FILENO) == 1

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    func update(_ done: Int) {
        guard enabled, total >= 500 else { return }
        FileHandle.standardError.write(Data("\r\(label) \(done)/\(total)".utf8))
    }

    func finish() {
        guard enabled, total >= 500 else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
