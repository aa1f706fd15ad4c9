import ArgumentParser
import FeedModel
import FeedStorage
import Daemon
import Foundation
import Logging
import Pipeline

struct TrackCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track", abstract: "Define a tracker that raises alerts on new articles.",
        subcommands: [Keyword.self, Figure.self])
}

extension TrackCommand {
    struct Keyword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Alert on new articles that mention terms (whole words or phrases, case-insensitive).",
            discussion: """
                The tracker says how many stored articles already match; --backfill raises them as alerts \
                (--backfill 2d or --backfill 2026-11-01: only those first seen since then). Put --backfill \
                after the terms.
                """)

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

        @Option(help: ArgumentHelp(
            "Raise alerts for the stored articles that match, those first seen since SINCE (2d, 2026-11-01) if given.",
            valueName: "since"))
        var backfill: String?

        func validate() throws {
            try TrackerName.check(name)
            guard !terms.isEmpty else { throw ValidationError("give at least one term") }
            for term in terms + exclude where term.trimmingCharacters(in: .whitespaces).isEmpty || !term.contains(where: { $0.isLetter || $0.isNumber }) {
                throw ValidationError("term '\(term)' has no letters or digits")
            }
            _ = try backfillRequest()
        }

        /// `--backfill` alone arrives as `OptionalValue.absent` (see `OptionalValue`).
        private func backfillRequest() throws -> TrackerBaseline.Backfill? {
            guard let backfill else { return nil }
            if backfill == OptionalValue.absent { return TrackerBaseline.Backfill(since: nil) }
            do {
                return TrackerBaseline.Backfill(since: try TimeText.since(backfill))
            } catch {
                throw ValidationError(
                    "--backfill '\(TerminalText.quoted(backfill))': use a duration such as 2d or a date such as 2026-11-01 (or nothing, after the terms)")
            }
        }

        func run() async throws {
            let settings = try global.settings()
            let store = try openStore(settings)
            let rule = KeywordRule(terms: terms, requireAll: all, exclude: exclude)
            let readFrom = try scope.scope(in: store)
            let outcome = try storage {
                try TrackerBaseline(store: store).add(
                    name: name, rule: .keyword(rule), scope: readFrom, backfill: try backfillRequest(), at: Date())
            }
            if !outcome.raised.isEmpty {
                var logger = Logger(label: "feedwatch")
                logger.logLevel = .error
                do {
                    let app = try FeedWatchApp(settings: settings, role: .command, logger: logger, store: store)
                    await app.delivery.deliver(outcome.raised)
                } catch {
                    // The alerts are stored; the daemon delivers what a command could not.
                    FileHandle.standardError.write(Data("feedwatch: alerts stored but not yet logged: \(error)\n".utf8))
                }
            }
            let baseline = BaselineView(outcome, feeds: [:])
            if output.json {
                JSONOutput.print(TrackerView(outcome.tracker, baseline: baseline))
            } else {
                print("added keyword tracker '\(outcome.tracker.name)': \(TrackerView(outcome.tracker).description)")
                print("  \(baseline.description)")
            }
        }
    }
}

struct TrackerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracker", abstract: "List, test, tag and remove trackers.", subcommands: [List.self, Test.self, Tag.self, Remove.self])
}

extension TrackerCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show every tracker and its rule.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        func run() async throws {
            let store = try openStoreForReading(global.settings())
            let trackers = try storage { try store.trackers() }.map { TrackerView($0) }
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
