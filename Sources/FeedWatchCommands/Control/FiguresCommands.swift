import ArgumentParser
import FeedModel
import FeedStorage
import FigureExtraction
import Foundation

struct FiguresCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "figures", abstract: "Figure history, and the figures FeedWatch reads in a text.",
        subcommands: [History.self, Extract.self])
}

extension FiguresCommand {
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every value a figure tracker read: when, where, and in which sentence.")

        @OptionGroup var global: GlobalOptions

        @OptionGroup var tagged: TagOptions

        @Argument(help: "The figure tracker's name.")
        var name: String

        @Flag(help: "Print one JSON array.")
        var json = false

        @Flag(help: "Print CSV with a header row.")
        var csv = false

        func validate() throws {
            if json && csv { throw ValidationError("choose one of --json and --csv") }
        }

        func run() async throws {
            let store = try openStoreForReading(global.settings())
            let tracker = try storage { try store.tracker(named: name) }
            guard case .figure = tracker.rule else {
                throw CommandFailure.badInput("tracker '\(name)' is a \(tracker.rule.kind) tracker, not a figure tracker")
            }
            let history = try storage { try store.figureHistory(trackerID: tracker.id) }
            let feeds = Dictionary(try storage { try store.feeds() }.compactMap { feed in feed.id.map { ($0, feed) } }) { a, _ in a }
            let chosen = try tagged.feedIDs(in: store)
            let rows = history.filter { reading in chosen.map { ids in reading.feedID.map(ids.contains) ?? false } ?? true }
                .map { HistoryRow($0, feed: $0.feedID.flatMap { feeds[$0] }) }
            if json {
                JSONOutput.print(rows)
            } else if csv {
                print(HistoryRow.csvHeader)
                for row in rows { print(row.csvLine) }
            } else {
                printTable(rows)
            }
        }

        private func printTable(_ rows: [HistoryRow]) {
            guard !rows.isEmpty else {
                print("no values yet for '\(name)': none in the articles stored when it was added; it reads new ones as they arrive")
                return
            }
            let reported = rows.filter { $0.alert != nil || $0.baseline }.map(\.value)
            print("\(name): \(FigureText.sparkline(reported))  \(Plural.count(reported.count, "reported value")), \(Plural.count(rows.count, "reading"))")
            var table = TextTable("DATE", "VALUE", "ALERT", "ROLE", "STATUS", "SOURCE", "SENTENCE")
            for row in rows {
                table.add(
                    row.published, FigureText.value(row.value, unit: row.unit), row.alert ?? (row.baseline ? "baseline" : "-"),
                    row.role ?? "-", row.statusText, row.feed ?? row.articleURL ?? "-",
                    String(row.sentence.prefix(100)))
            }
            print(table.render())
        }
    }

    struct Extract: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the figures found in a text (a file, or standard input with - or nothing).")

        @OptionGroup var output: OutputOptions

        @Argument(help: "A text file; - or nothing reads standard input.")
        var file: String?

        func run() async throws {
            let text: String
            if let file, file != "-" {
                guard let data = FileManager.default.contents(atPath: file) else {
                    throw CommandFailure.badInput("cannot read file '\(file)'")
                }
                text = String(decoding: data, as: UTF8.self)
            } else {
                text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            }
            let figures = FigureExtractor().figures(in: text)
            if output.json {
                JSONOutput.print(figures)
                return
            }
            guard !figures.isEmpty else {
                print("no figures found")
                return
            }
            var table = TextTable("VALUE", "UNIT", "QUALIFIER", "TEXT", "ROLE", "COUNTS", "STATUS", "AT")
            for figure in figures {
                table.add(
                    FigureText.number(figure.value), figure.unit, figure.qualifier ?? "-", figure.text, figure.role.rawValue,
                    figure.noun ?? "-", figure.attribution.map { "attributed to \($0)" } ?? figure.status.rawValue,
                    "\(figure.start)-\(figure.end)")
            }
            print(table.render())
        }
    }
}

/// One line of `figures history`.
struct HistoryRow: Encodable {
    /// The article's date, the order of the history.
    var published: String
    /// When FeedWatch read it.
    var seen: String
    var value: Double
    var unit: String
    var text: String
    var sentence: String
    var articleID: Int64
    var articleURL: String?
    var feedID: Int64?
    var feed: String?
    /// The alert this reading raised, if any.
    var alert: String?
    /// Taken silently from the articles stored before the tracker was added: it raised nothing,
    /// but later readings were compared with it.
    var baseline: Bool
    /// The figure's role in its sentence ("level", "level after change"...); null for readings
    /// stored before roles were read.
    var role: String?
    /// How the sentence gives it: reported, attributed, denied, rejected, proposed or forecast;
    /// null for readings stored before statuses were read.
    var status: String?
    /// Who the sentence attributes it to (attributed readings).
    var attribution: String?

    init(_ observation: FigureObservation, feed: FeedRecord?) {
        published = Timestamp.string(observation.published)
        seen = Timestamp.string(observation.seenAt)
        value = observation.value
        unit = observation.unit
        text = observation.text
        sentence = observation.sentence
        articleID = observation.articleID
        articleURL = observation.articleURL
        feedID = observation.feedID
        self.feed = feed.map { $0.title ?? $0.url }
        alert = observation.alert
        baseline = observation.raised == FigureObservation.baseline
        role = observation.role
        status = observation.status
        attribution = observation.attribution
    }

    /// "attributed to the governor", "denied", "-".
    var statusText: String {
        guard let status else { return "-" }
        guard status == "attributed", let attribution else { return status }
        return "attributed to \(attribution)"
    }

    static let csvHeader = "published,seen,value,unit,text,alert,feed,article_url,sentence,baseline,role,status,attribution"

    var csvLine: String {
        [published, seen, FigureText.plain(value), unit, text, alert ?? "", feed ?? "", articleURL ?? "", sentence, baseline ? "1" : "", role ?? "",
         status ?? "", attribution ?? ""]
            .map(Self.csvField).joined(separator: ",")
    }

    private static func csvField(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
