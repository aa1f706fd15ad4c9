import ArgumentParser
import FeedModel
import FeedStorage
import Foundation
import Pipeline

extension FigureRule.Direction: ExpressibleByArgument {}

extension TrackCommand {
    struct Figure: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Follow a number through the news and alert when it changes.",
            discussion: """
                An article's value is a figure (of --unit, if given) in the same sentence as one of the --near \
                terms, at most --window words away, that gives a level: never a change ("gained 41 points"), a \
                previous level, an age, a magnitude or a rank; one that counts the term ("600,000 troops") first, \
                a total before its part, then the closest (`figures extract` shows each figure's role). Only values \
                the sentence reports (or attributes to a named source) move the tracker: denied, rejected, \
                proposed and forecast values are recorded in the history (see --accept). The tracker first reads the articles already \
                stored, oldest first, and takes their values as its history without raising anything; it \
                prints the value it holds and where it came from. A different later value raises \
                figure.changed with the previous and current values (figure.first_seen when there was none).
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

        @Option(help: ArgumentHelp(
            "Let values of these statuses move the tracker too (comma-separated: proposed, forecast, denied, rejected); reported and attributed values always do.",
            valueName: "statuses"))
        var accept: String?

        @Option(name: .customLong("min-sources"), help: ArgumentHelp(
            "Raise a new value only once this many outlets (feeds) report it.", valueName: "count"))
        var minSources: Int?

        /// `--accept`'s statuses, in the order given, without repeats.
        private var accepted: [String] {
            var seen: Set<String> = []
            return (accept ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                .filter { !$0.isEmpty && seen.insert($0).inserted }
        }

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
            for status in accepted where !FigureRule.statuses.contains(status) {
                throw ValidationError("unknown status '\(status)' in --accept: use \(FigureRule.statuses.joined(separator: ", "))")
            }
            if let minSources, !(1...50).contains(minSources) {
                throw ValidationError("--min-sources must be between 1 and 50 outlets")
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
            let rule = FigureRule(near: near, unit: unit, window: window, minChangePercent: minChange, direction: direction,
                accept: accepted.filter { $0 != "reported" && $0 != "attributed" }, minSources: minSources)
            let readFrom = try scope.scope(in: store)
            let outcome = try storage {
                try TrackerBaseline(store: store).add(name: name, rule: .figure(rule), scope: readFrom, at: Date())
            }
            let feeds = Dictionary(try storage { try store.feeds() }.compactMap { feed in feed.id.map { ($0, feed) } }) { a, _ in a }
            let baseline = BaselineView(outcome, feeds: feeds)
            if output.json {
                JSONOutput.print(TrackerView(outcome.tracker, baseline: baseline))
                return
            }
            print("added figure tracker '\(outcome.tracker.name)': \(TrackerView(outcome.tracker).description)")
            print("  \(baseline.description)")
        }
    }
}
