import ArgumentParser
import FeedModel
import FeedStorage
import Foundation
import Pipeline

extension TrackerCommand {
    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a tracker over the stored articles and print what it would have raised (raises nothing).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions

        @Argument(help: "The tracker's name.")
        var name: String

        @Option(help: ArgumentHelp("Only articles FeedWatch stored since then (not their publication dates): 2h, 3d or 2026-11-01.", valueName: "when"))
        var since: String?

        func run() async throws {
            let sinceDate = try since.map { text throws(CommandFailure) in try TimeText.since(text) }
            let store = try openStoreForReading(global.settings())
            let tracker = try storage { try store.tracker(named: name) }
            let alerts = try storage { try Backtest(store: store).run(tracker, since: sinceDate) }
            if output.json {
                JSONOutput.print(alerts)
                return
            }
            guard !alerts.isEmpty else {
                print("'\(name)' would have raised nothing over the stored articles")
                return
            }
            for alert in alerts { print(AlertText.render(alert)) }
            print("'\(name)' would have raised \(Plural.count(alerts.count, "alert")); nothing was recorded")
        }
    }
}
