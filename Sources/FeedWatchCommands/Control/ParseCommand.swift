import ArgumentParser
import FeedFetching
import FeedModel
import FeedParsing
import Foundation

struct ParseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Show how FeedWatch reads a feed (a file or a URL); stores nothing.")

    @OptionGroup var output: OutputOptions

    @Argument(help: "A feed file, or an http, https or file URL.")
    var source: String

    func run() async throws {
        let (bytes, url, contentType) = try await load()
        let feed: ParsedFeed
        do {
            feed = try FeedParser().parse(bytes, url: url, contentType: contentType)
        } catch {
            throw CommandFailure.badInput("\(source): \(error)")
        }
        if output.json {
            JSONOutput.print(ParsedFeedView(feed))
            return
        }
        print("format: \(feed.format.rawValue)")
        print("title: \(feed.title ?? "-")")
        print("link: \(feed.link ?? "-")")
        print("items: \(feed.items.count)")
        for item in feed.items {
            let date = (item.published ?? item.updated).map(Timestamp.string) ?? "(no date)"
            print("  \(date)  \(item.title ?? "(untitled)")")
            print("      id: \(item.id)  hash: \(item.contentHash.prefix(16))")
        }
        for warning in feed.warnings { print("warning: \(warning)") }
    }

    private func load() async throws -> ([UInt8], String?, String?) {
        if !source.contains("://") {
            guard let data = FileManager.default.contents(atPath: source) else {
                throw CommandFailure.badInput("cannot read file '\(source)'")
            }
            return (Array(data), URL(fileURLWithPath: source).absoluteString, nil)
        }
        let url = try FeedURL.validated(source)
        do {
            let response = try await FeedFetcher().fetch(FetchRequest(url: url))
            guard response.isSuccess else {
                throw CommandFailure.runtime("\(url): HTTP \(response.status)")
            }
            return (response.body, response.effectiveURL, response.contentType)
        } catch let error as FetchError {
            throw CommandFailure.runtime("\(url): \(error)")
        }
    }
}

/// `feedwatch parse --json`, field for field as the interface spec gives it.
struct ParsedFeedView: Encodable {
    struct Item: Encodable {
        var id: String
        @NullEncoded var title: String?
        @NullEncoded var link: String?
        @NullEncoded var published: String?
        @NullEncoded var updated: String?
        @NullEncoded var author: String?
        @NullEncoded var summary: String?
        @NullEncoded var content: String?
        var authors: [String]
        var categories: [String]
        var categoryTerms: [String]
        var enclosures: [Enclosure]
        var contentHash: String

        struct Enclosure: Encodable {
            var url: String
            @NullEncoded var type: String?
            @NullEncoded var length: Int?
        }
    }

    var format: String
    @NullEncoded var title: String?
    @NullEncoded var link: String?
    @NullEncoded var subtitle: String?
    @NullEncoded var language: String?
    @NullEncoded var updated: String?
    var items: [Item]
    var warnings: [String]

    init(_ feed: ParsedFeed) {
        format = feed.format.rawValue
        title = feed.title
        link = feed.link
        subtitle = feed.subtitle
        language = feed.language
        updated = feed.updated.map(Timestamp.string)
        items = feed.items.map { item in
            Item(
                id: item.id, title: item.title, link: item.link, published: item.published.map(Timestamp.string),
                updated: item.updated.map(Timestamp.string), author: item.author, summary: item.summary,
                content: item.content, authors: item.authors, categories: item.categories,
                categoryTerms: item.categoryTerms,
                enclosures: item.enclosures.map { Item.Enclosure(url: $0.url, type: $0.type, length: $0.length) },
                contentHash: item.contentHash)
        }
        warnings = feed.warnings
    }
}
