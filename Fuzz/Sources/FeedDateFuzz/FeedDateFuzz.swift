import CFuzzerDriver
import FeedModel
import FeedParsing

/// Every input is a date as a feed writes it: through the feed parser's tolerant reader and
/// the strict RFC 3339 one (as text, and as the raw bytes the XML reader hands it).
/// A crash, a hang or a sanitizer report is a bug; nil is an answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    _ = FeedDate.parse(text)
    _ = RFC3339.parse(text)
    _ = RFC3339.parse(bytes: bytes)
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("FeedDateFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
