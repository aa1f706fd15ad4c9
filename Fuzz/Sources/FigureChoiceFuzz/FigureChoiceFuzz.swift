import CFuzzerDriver
import FeedModel
import Tracking

/// Every input is an article (its first line the title): figure trackers on common terms read
/// it, and what they take must be a level (never a change, an age, a magnitude or a rank), with
/// a finite value, in the sentence of the term it names. A crash, a hang, a sanitizer report or
/// a broken guarantee is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let input = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let parts = input.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
    let title = parts.count > 1 ? String(parts[0]) : nil
    let text = String(parts.last ?? "")
    for reading in evaluator.evaluate(title: title, text: text).figures.map(\.reading) {
        let figure = reading.figure
        guard figure.role.isLevel, figure.value.isFinite else {
            fatalError("took a \(figure.role.rawValue) figure \"\(figure.text)\" (\(figure.value)) for '\(reading.term)'")
        }
    }
    return 0
}

private let evaluator = TrackerEvaluator(trackers: [
    Tracker(id: 1, name: "troops", rule: .figure(FigureRule(near: ["troops", "army"]))),
    Tracker(id: 2, name: "toll", rule: .figure(FigureRule(near: ["death toll", "killed"], unit: "count"))),
    Tracker(id: 3, name: "index", rule: .figure(FigureRule(near: ["index", "inflation"], window: 30))),
    Tracker(id: 4, name: "cap", rule: .figure(FigureRule(near: ["cap", "quota"], unit: "percent", window: 3))),
])

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("FigureChoiceFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
