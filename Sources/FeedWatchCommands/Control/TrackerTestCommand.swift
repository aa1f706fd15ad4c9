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

        @Option(help: ArgumentHelp("Only articles first seen since then: 2h, 3d or 2026-11-01.", valueName: "when"))
        var since: String?

        func run() async throws {
            var sinceDate: Date?
            if let since {
                guard let date = TimeText.since(since) else {
                    throw CommandFailure.badInput("--since '\(since)': use a duration such as 2h or 3d, or a date such as 2026-11-01")
                }
                sinceDate = date
            }
            let store = try openStore(global.settings())
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
            print("'\(name)' would have raised \(alerts.count) alert(s); nothing was recorded")
        }
    }
}
