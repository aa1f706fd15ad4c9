import ArgumentParser
import FeedModel
import FeedStorage
import Foundation

extension FigureRule.Direction: ExpressibleByArgument {}

extension TrackCommand {
    struct Figure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow a number through the news and alert when it changes.",
            discussion: """
                An article's value is the figure (of --unit, if given) closest to one of the --near terms in \
                the same sentence, at most --window words away. The first value raises figure.first_seen; a \
                different later value raises figure.changed with the previous and current values.
                Example: feedwatch track figure troop-cap --near troops --near "army cap" --unit count
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var scope: TrackerScopeOptions

        @Argument(help: "The tracker's name.")
        var name: String

        @Option(parsing: .upToNextOption, help: ArgumentHelp("Words or phrases the figure must be near (repeatable).", valueName: "term"))
        var near: [String] = []

        @Option(help: ArgumentHelp("Only figures of this unit: count, percent, or a currency code such as USD.", valueName: "unit"))
        var unit: String?

        @Option(help: ArgumentHelp("How many words may separate the figure from a term.", valueName: "words"))
        var window = FigureRule.defaultWindow

        @Option(name: .customLong("min-change"), help: ArgumentHelp("Ignore changes smaller than this, in percent of the last reported value.", valueName: "percent"))
        var minChange: Double?

        @Option(help: ArgumentHelp("Which changes alert: up, down or any.", valueName: "direction"))
        var direction: FigureRule.Direction = .any

        func validate() throws {
            try TrackerName.check(name)
            guard !near.isEmpty else { throw ValidationError("give at least one --near term") }
            for term in near where !term.contains(where: { $0.isLetter || $0.isNumber }) {
                throw ValidationError("term '\(term)' has no letters or digits")
            }
            guard (1...100).contains(window) else { throw ValidationError("--window must be between 1 and 100 words") }
            if let minChange, !(minChange >= 0 && minChange.isFinite) {
                throw ValidationError("--min-change must be a percentage of 0 or more")
            }
            if let unit {
                let canonical = FigureRule.canonicalUnit(unit)
                guard canonical == "count" || canonical == "percent" || canonical.allSatisfy(\.isUppercase) && canonical.count == 3 else {
                    throw ValidationError("unknown unit '\(unit)': use count, percent or a currency code such as USD")
                }
            }
        }

        func run() async throws {
            let store = try openStore(global.settings())
            let rule = FigureRule(near: near, unit: unit, window: window, minChangePercent: minChange, direction: direction)
            let readFrom = try scope.scope(in: store)
            let tracker = try storage { try store.addTracker(name: name, rule: .figure(rule), scope: readFrom, at: Date()) }
            if output.json {
                JSONOutput.print(TrackerView(tracker))
            } else {
                print("added figure tracker '\(tracker.name)': \(TrackerView(tracker).description)")
            }
        }
    }
}
