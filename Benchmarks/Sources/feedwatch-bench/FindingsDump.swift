import FeedModel
import FigureExtraction
import Foundation
import Tracking

/// Every figure of every item (each field of `Figure`) and everything the benchmark's tracker
/// sets find in it, one JSON line per item and set: two builds whose dumps are equal extract
/// figures and evaluate trackers identically over the listed documents.
enum FindingsDump {
    static func run(items: [ParsedItem]) {
        let extractor = FigureExtractor()
        let sets = [
            ("standard", FiguresBenchmark.trackers(10)), ("standard", FiguresBenchmark.trackers(100)),
            ("varied", FiguresBenchmark.variedTrackers),
        ].map { ($0.0, $0.1.count, TrackerEvaluator(trackers: $0.1)) }
        var output = ""
        for (number, item) in items.enumerated() {
            let text = (item.title.map { $0 + "\n" } ?? "") + item.text
            output += "{\"item\":\(number),\"figures\":[" + extractor.figures(in: text).map(figure).joined(separator: ",") + "]}\n"
            for (name, count, evaluator) in sets {
                let found = evaluator.evaluate(title: item.title, text: item.text)
                output += "{\"item\":\(number),\"set\":\"\(name)\",\"trackers\":\(count),\"hits\":["
                output += found.hits.map { hit in
                    "[\(Dump.quoted(hit.tracker.name)),\(Dump.quoted(hit.kind.rawValue)),\(Dump.list(hit.matched)),\(Dump.quoted(hit.excerpt))]"
                }.joined(separator: ",")
                output += "],\"readings\":["
                output += found.figures.map { draft in
                    let reading = draft.reading
                    return "[\(Dump.quoted(draft.tracker.name)),\(figure(reading.figure)),\(Dump.quoted(reading.term)),\(Dump.quoted(reading.text)),\(reading.isAccepted)]"
                }.joined(separator: ",")
                output += "]}\n"
            }
            if output.utf8.count > 1 << 20 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output = ""
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }

    /// Every field, numbers as their exact bits.
    private static func figure(_ figure: Figure) -> String {
        let fields: [String] = [
            String(figure.value.bitPattern), Dump.quoted(figure.unit), Dump.quoted(figure.text), Dump.quoted(figure.qualifier),
            Dump.quoted(figure.sentence), "\(figure.start)", "\(figure.end)",
            "\(figure.sentenceRange.lowerBound)", "\(figure.sentenceRange.upperBound)", Dump.quoted(figure.role.rawValue),
            Dump.quoted(figure.noun), figure.nounRange.map { "[\($0.lowerBound),\($0.upperBound)]" } ?? "null",
            figure.statedPrevious.map { String($0.bitPattern) } ?? "null", Dump.quoted(figure.status.rawValue),
            Dump.quoted(figure.attribution),
        ]
        return "[" + fields.joined(separator: ",") + "]"
    }
}
