import CFuzzerDriver
import FeedParsing

/// Every input is a web page given to `feed add`, read for the feeds it links. Every feed found
/// must be an absolute http(s) URL, once; a crash, a hang or a sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let feeds = FeedDiscovery.feeds(in: bytes, pageURL: "https://news.example/section/page.html")
    precondition(Set(feeds.map(\.url)).count == feeds.count, "a feed listed twice")
    for feed in feeds {
        precondition(feed.url.hasPrefix("https://") || feed.url.hasPrefix("http://"), "not an http(s) URL: \(feed.url)")
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("FeedDiscoveryFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
