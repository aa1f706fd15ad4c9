import CFuzzerDriver
import FeedModel
import Foundation

/// Every input is a `feed add --header` as a person types it, and the contents of a
/// `--credentials` file. What is accepted must be safe in an HTTP request: no CR, LF or other
/// control character in a header's name or value, and a refusal safe to print.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Data(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)
    switch RequestHeader.parse(text) {
    case .success(let header):
        precondition(!header.name.isEmpty && header.name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") })
        precondition(header.value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F })
    case .failure(let error):
        precondition(!TerminalText.hasControlCharacters(error.description), "a refusal prints a control character")
    }
    switch ProxyAddress.validated(text) {
    case .success(let proxy): precondition(proxy.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F }, "a proxy with a space or control character")
    case .failure(let error): precondition(!TerminalText.hasControlCharacters(error.description))
    }
    if let credentials = FeedCredentials(bytes) {
        precondition(!credentials.user.isEmpty && !credentials.user.contains(":"))
        precondition(credentials.authorization.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F || $0 == 0x20 })
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("RequestHeaderFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
