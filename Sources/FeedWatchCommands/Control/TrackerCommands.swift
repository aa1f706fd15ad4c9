import ArgumentParser
import FeedModel
import FeedStorage
import Foundation

struct TrackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track", abstract: "Define a tracker that raises alerts on new articles.",
        subcommands: [Keyword.self, Figure.self])
}

extension TrackCommand {
    struct Keyword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Alert on new articles that mention terms (whole words or phrases, case-insensitive).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var scope: TrackerScopeOptions

        @Argument(help: "The tracker's name.")
        var name: String

        @Argument(help: "Words or quoted phrases; any of them matches (all of them with --all).")
        var terms: [String]

        @Flag(help: "Every term must occur.")
        var all = false

        @Option(help: ArgumentHelp("An article mentioning this raises nothing (repeatable).", valueName: "term"))
        var exclude: [String] = []

        func validate() throws {
            try TrackerName.check(name)
            guard !terms.isEmpty else { throw ValidationError("give at least one term") }
            for term in terms + exclude where term.trimmingCharacters(in: .whitespaces).isEmpty || !term.contains(where: { $0.isLetter || $0.isNumber }) {
                throw ValidationError("term '\(term)' has no letters or digits")
            }
        }

        func run() async throws {
            let store = try openStore(global.settings())
            let rule = KeywordRule(terms: terms, requireAll: all, exclude: exclude)
            let readFrom = try scope.scope(in: store)
            let tracker = try storage { try store.addTracker(name: name, rule: .keyword(rule), scope: readFrom, at: Date()) }
            if output.json {
                JSONOutput.print(TrackerView(tracker))
            } else {
                print("added keyword tracker '\(tracker.name)': \(TrackerView(tracker).description)")
            }
        }
    }
}

struct TrackerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracker", abstract: "List, test and remove trackers.", subcommands: [List.self, Test.self, Remove.self])
}

extension TrackerCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every tracker and its rule.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let store = try openStoreForReading(global.settings())
            let trackers = try storage { try store.trackers() }.map(TrackerView.init)
            if output.json {
                JSONOutput.print(trackers)
                return
            }
            guard !trackers.isEmpty else {
                print("no trackers yet: add one with `feedwatch track keyword NAME TERM...` or `feedwatch track figure NAME --near TERM...`")
                return
            }
            var table = TextTable("NAME", "KIND", "RULE")
            for tracker in trackers { table.add(tracker.name, tracker.kind, tracker.description) }
            print(table.render())
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a tracker (its alerts stay).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The tracker's name.")
        var name: String

        func run() async throws {
            let store = try openStore(global.settings())
            let tracker = try storage { try store.tracker(named: name) }
            try storage { try store.removeTracker(named: name) }
            if output.json {
                JSONOutput.print(TrackerView(tracker))
            } else {
                print("removed tracker '\(name)'")
            }
        }
    }
}

enum TrackerName {
    static func check(_ name: String) throws {
        guard !name.isEmpty, name.count <= 100, !TerminalText.hasControlCharacters(name) else {
            throw ValidationError("tracker name must be 1-100 characters on one line, without control characters")
        }
    }
}
