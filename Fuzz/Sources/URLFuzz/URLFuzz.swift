import CFuzzerDriver
import FeedModel

/// Every input is a feed URL as a person types it, an OPML file lists it or a server redirects
/// to it: it is accepted (and then safe to store and print) or refused with a message that is
/// itself safe to print. A crash or a sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let url = try FeedAddress.validated(text)
        if TerminalText.hasControlCharacters(url) { fatalError("an accepted URL holds a control character") }
        _ = FeedAddress.host(of: url)
    } catch {
        if TerminalText.hasControlCharacters(error.description) { fatalError("a refusal prints a control character") }
    }
    _ = TerminalText.quoted(text)
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("URLFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
