import CFuzzerDriver
import FigureExtraction

/// Every input is article text: its figures are extracted, and each must have a finite value
/// (trackers compare and store them), the words it counts must follow it inside its sentence,
/// and only an attributed figure names a source. A crash, a hang, a sanitizer report or a broken guarantee is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for figure in FigureExtractor().figures(in: text) {
        if !figure.value.isFinite {
            fatalError("non-finite figure \(figure.value) read from \"\(figure.text)\" (\(figure.unit))")
        }
        if let noun = figure.nounRange, noun.lowerBound < figure.end || noun.upperBound > figure.sentenceRange.upperBound {
            fatalError("counted words \(noun) outside \(figure.end)..<\(figure.sentenceRange.upperBound) for \"\(figure.text)\"")
        }
        if figure.attribution != nil, figure.status != .attributed {
            fatalError("a source on a \(figure.status.rawValue) figure \"\(figure.text)\"")
        }
        if let previous = figure.statedPrevious, !previous.isFinite || figure.role != .levelAfterChange {
            fatalError("stated previous \(previous) on a \(figure.role.rawValue) figure \"\(figure.text)\"")
        }
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("FigureFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
