import ArgumentParser
import FeedModel
import FeedStorage

/// `--feed` and `--tag` on `track keyword` and `track figure`: the feeds a tracker reads.
struct TrackerScopeOptions: ParsableArguments {
    @Option(name: .customLong("feed"), help: ArgumentHelp("Only articles from this feed, by id or URL (repeatable).", valueName: "feed"))
    var feeds: [String] = []

    @Option(name: .customLong("tag"), help: ArgumentHelp("Only articles from feeds with this tag, now or later (repeatable).", valueName: "tag"))
    var tags: [String] = []

    func validate() throws {
        for tag in tags { try FeedText.check(tag, what: "a tag") }
    }

    /// The scope, with each `--feed` resolved to the id of a watched feed (bad input when none).
    func scope(in store: any FeedDatabase) throws(CommandFailure) -> TrackerScope {
        var ids: [Int64] = []
        for key in feeds {
            let feed = try storage { try store.feed(matching: key) }
            if let id = feed.id, !ids.contains(id) { ids.append(id) }
        }
        return TrackerScope(feeds: ids, tags: tags)
    }
}
