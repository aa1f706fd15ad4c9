import ArgumentParser
import FeedStorage
import Foundation

extension TrackerCommand {
    /// Tags group trackers for sinks that route by them (`tracker_tags` in a `[[sink]]`).
    struct Tag: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a tracker's tags (sinks with tracker_tags route by them); --clear removes them; without either, prints them.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The tracker's name.")
        var name: String

        @Argument(help: "Its tags, replacing those it has.")
        var tags: [String] = []

        @Flag(help: "Remove every tag.")
        var clear = false

        func validate() throws {
            if clear, !tags.isEmpty { throw ValidationError("give tags or --clear, not both") }
            for tag in tags where tag.isEmpty || tag.count > 64 || !tag.allSatisfy({ !$0.isWhitespace && !$0.isNewline && $0 != "," }) {
                throw ValidationError("a tag is 1-64 characters without spaces or commas, not '\(tag)'")
            }
        }

        func run() async throws {
            let store = try openStore(global.settings())
            if clear || !tags.isEmpty {
                let unique = tags.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
                try storage { try store.setTrackerTags(named: name, tags: unique) }
            } else {
                _ = try storage { try store.tracker(named: name) }
            }
            let current = try storage { try store.trackerTags(names: [name]) }[name] ?? []
            print("tracker '\(name)': " + (current.isEmpty ? "no tags" : "tags \(current.joined(separator: ", "))"))
        }
    }
}
