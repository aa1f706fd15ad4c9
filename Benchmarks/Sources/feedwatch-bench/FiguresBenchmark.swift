import FeedModel
import FigureExtraction
import Foundation
import Tracking

/// Figure extraction throughput and the cost of evaluating trackers, over parsed items.
struct FiguresBenchmark {
    let items: [ParsedItem]

    func run() {
        let texts = items.map { ($0.title.map { $0 + "\n" } ?? "") + $0.text }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        let extractor = FigureExtractor()
        let cpuStart = cpuSeconds()
        let start = ContinuousClock.now
        var figures = 0
        for text in texts { figures += extractor.figures(in: text).count }
        let elapsed = seconds(ContinuousClock.now - start)
        let cpu = cpuSeconds() - cpuStart
        print(#"{"measure":"extract","seconds":\#(elapsed),"cpu_seconds":\#(cpu),"bytes":\#(bytes),"texts":\#(texts.count),"figures":\#(figures),"mb_per_s":\#(Double(bytes) / 1e6 / elapsed)}"#)

        for count in [1, 10, 100] {
            let evaluator = TrackerEvaluator(trackers: Self.trackers(count))
            let start = ContinuousClock.now
            var alerts = 0
            for item in items {
                let findings = evaluator.evaluate(title: item.title, text: item.text)
                alerts += findings.hits.count + findings.figures.count
            }
            let elapsed = seconds(ContinuousClock.now - start)
            let perPair = elapsed / Double(items.count * count) * 1e9
            print(#"{"measure":"trackers","trackers":\#(count),"articles":\#(items.count),"seconds":\#(elapsed),"ns_per_article_tracker":\#(perPair),"findings":\#(alerts)}"#)
        }
    }

    /// Half keyword trackers, half figure trackers, with terms that occur in wire copy and terms that do not.
    static func trackers(_ count: Int) -> [Tracker] {
        let terms = [
            "ceasefire", "troops", "sanctions", "per cent", "budget", "grain exports", "tariffs", "debt relief",
            "nuclear programme", "border dispute", "reconstruction aid", "prisoner exchanges", "fishing quotas",
            "gas transit", "Zaporizhzhia", "Kharkiv", "Zelensky", "election", "inflation", "refugees",
        ]
        return (0..<count).map { index in
            let term = terms[index % terms.count]
            let rule: TrackerRule = index % 2 == 0
                ? .keyword(KeywordRule(terms: [term, terms[(index + 7) % terms.count]]))
                : .figure(FigureRule(near: [term]))
            return Tracker(id: Int64(index + 1), name: "t\(index)", rule: rule)
        }
    }
}
