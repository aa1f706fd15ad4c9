import ArgumentParser
import FeedModel
import FeedStorage

/// `--tag TAG` (repeatable) on listing verbs: only what concerns feeds with one of those tags.
struct TagOptions: ParsableArguments {
    @Option(name: .customLong("tag"), help: ArgumentHelp("Only feeds with this tag (repeatable: any of them).", valueName: "tag"))
    var tags: [String] = []

    /// The ids of the feeds carrying any of the tags (compared ignoring case); nil without
    /// `--tag`. A tag no feed has is bad input that names the tags there are.
    func feedIDs(in store: any FeedDatabase) throws(CommandFailure) -> Set<Int64>? {
        guard !tags.isEmpty else { return nil }
        let feeds = try storage { try store.feeds() }
        let wanted = Set(tags.map { $0.lowercased() })
        let known = Set(feeds.flatMap { $0.tags.map { $0.lowercased() } })
        if let unknown = tags.first(where: { !known.contains($0.lowercased()) }) {
            let list = known.sorted().joined(separator: ", ")
            throw .badInput("no feed has the tag '\(TerminalText.quoted(unknown))'" + (list.isEmpty ? " (no feed has any tag)" : " (tags: \(list))"))
        }
        return Set(feeds.filter { feed in feed.tags.contains { wanted.contains($0.lowercased()) } }.compactMap(\.id))
    }
}
