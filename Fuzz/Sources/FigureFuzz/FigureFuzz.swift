import CFuzzerDriver
import FigureExtraction

/// Every input is article text: its figures are extracted, and each must have a finite value
/// (trackers compare and store them). A crash, a hang, a sanitizer report or a non-finite value is
/// a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for figure in FigureExtractor().figures(in: text) where !figure.value.isFinite {
        fatalError("non-finite figure \(figure.value) read from \"\(figure.text)\" (\(figure.unit))")
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("FigureFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
