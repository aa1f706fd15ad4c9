import ArgumentParser
import FeedModel
import FeedStorage
import Foundation

struct ArticlesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "articles", abstract: "Show stored articles, newest first.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var tagged: TagOptions

    @Option(help: ArgumentHelp("Only articles this feed carried (its id).", valueName: "id"))
    var feed: Int64?

    @Option(help: ArgumentHelp(
        "Only articles with these words (all of them), best first: \"a phrase\", prefix*, a OR b; case and accents ignored.",
        valueName: "query"))
    var search: String?

    @Option(help: "At most this many.")
    var limit = 20

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        let store = try openStoreForReading(global.settings())
        if let feed { _ = try storage { try store.feed(matching: String(feed)) } }
        let feedIDs = try tagged.feedIDs(in: store)
        let query = try search.map { text throws(CommandFailure) in
            guard let query = SearchQuery(text) else {
                throw CommandFailure.badInput("--search '\(TerminalText.quoted(text))' has no letter or digit to search for")
            }
            return query
        }
        let articles = try storage { try store.articles(feedID: feed, feedIDs: feedIDs, search: query, limit: limit) }
        if query != nil, let behind = try? store.articlesNotYetSearchable(), behind > 0 {
            FileHandle.standardError.write(Data(
                "feedwatch: the newest \(Plural.count(behind, "article")) are not in the search index yet (feedwatchd adds them as it runs)\n".utf8))
        }
        if output.json {
            let views = try articles.map { article in
                var view = ArticleView(article, sources: try storage { try store.sources(ofArticle: article.id ?? 0) })
                if let story = article.story {
                    view.story = StoryView(id: story, copies: try storage { try store.copies(ofStory: story) })
                }
                view.snippet = query.flatMap { SearchSnippet.make(title: article.title, text: article.text, terms: $0.highlighted) }
                return view
            }
            JSONOutput.print(views)
            return
        }
        guard !articles.isEmpty else {
            print("no articles")
            return
        }
        let feeds = Dictionary(try storage { try store.feeds() }.map { ($0.id ?? 0, $0.title ?? $0.url) }) { first, _ in first }
        for article in articles {
            let date = Timestamp.string(article.published ?? article.firstSeen)
            print(TerminalText.escaped("\(article.id ?? 0)  \(date)  \(article.title ?? "(untitled)")"))
            if let url = article.url { print("    \(TerminalText.escaped(url))") }
            if let query, let snippet = SearchSnippet.make(title: article.title, text: article.text, terms: query.highlighted) {
                print("    \(TerminalText.escaped(snippet))")
            }
            // One story syndicated by several outlets is stored once: say who carried it.
            let sources = try storage { try store.sources(ofArticle: article.id ?? 0) }
            if sources.count > 1 {
                let names = sources.map { feeds[$0.feedID] ?? "feed \($0.feedID)" }
                print("    carried by \(Plural.count(sources.count, "feed")): \(TerminalText.escaped(names.joined(separator: ", ")))")
            }
            // Reworded copies of the story, stored as articles of their own.
            let copies = try article.story.map { story in try storage { try store.copies(ofStory: story) } } ?? []
            let outlets = Set(copies.compactMap(\.feedID))
            if outlets.count > 1 {
                var names: [String] = []
                for copy in copies where !names.contains(copy.feed ?? "-") { names.append(copy.feed ?? "-") }
                print("    one story in \(outlets.count) outlets: \(TerminalText.escaped(names.joined(separator: ", ")))")
            }
        }
    }
}

/// An article as `articles --json` prints it.
struct ArticleView: Encodable {
    var id: Int64
    var title: String?
    var url: String?
    var published: Date?
    var updated: Date?
    var author: String?
    var categories: [String]
    var firstSeen: Date
    var contentHash: String
    var text: String
    var sources: [ArticleSource]
    /// The story the article belongs to, with every outlet's copy of it.
    var story: StoryView?
    /// With `--search`: the passage that matched, each match between `**`.
    var snippet: String?

    init(_ article: ArticleRecord, sources: [ArticleSource]) {
        id = article.id ?? 0
        title = article.title
        url = article.url
        published = article.published
        updated = article.updated
        author = article.author
        categories = article.categories
        firstSeen = article.firstSeen
        contentHash = article.contentHash
        text = article.text
        self.sources = sources
    }
}

/// A story as `articles --json` prints it: its id (that of its first article) and each copy.
struct StoryView: Encodable {
    var id: Int64
    var copies: [StoryCopy]
}
