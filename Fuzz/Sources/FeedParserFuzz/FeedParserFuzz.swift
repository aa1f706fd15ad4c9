import CFuzzerDriver
import FeedParsing

/// libFuzzer's entry point: every input is parsed as a feed (XML or JSON) with and without an
/// HTTP charset. A crash, a hang or a sanitizer report is a bug; thrown errors are expected.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFeedParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let parser = FeedParser()
    _ = try? parser.parse(bytes, url: "https://fuzz.example/feed")
    _ = try? parser.parse(bytes, url: nil, contentType: "text/xml; charset=windows-1251")
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("FeedParserFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
