import CFuzzerDriver
import FeedFetching
import Foundation

/// Every input is the value of a `Retry-After` header on a 503. A crash or a sanitizer report is
/// a bug; nil is an answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let response = FetchResponse(status: 503, body: [], effectiveURL: "https://fuzz.example/feed", headers: ["retry-after": text])
    _ = response.retryAfter(now: Date(timeIntervalSince1970: 1_795_000_000))
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("RetryAfterFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
