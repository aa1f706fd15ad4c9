import CFuzzerDriver
import FeedParsing

/// Every input is an OPML subscription list to import. A crash, a hang or a sanitizer report is a
/// bug; thrown errors are expected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let document = try? OPMLDocument.parse(bytes) else { return 0 }
    // What was imported can be exported, and the export read again.
    _ = try? OPMLDocument.parse(Array(document.rendered().utf8))
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("OPMLFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
