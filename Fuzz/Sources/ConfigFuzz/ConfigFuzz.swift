import CFuzzerDriver
import Configuration

/// Every input is the text of a config file, applied to the default settings by the loader's own
/// code. A crash, a hang or a sanitizer report is a bug; a `ConfigError` is an answer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // A credential's *_file (secret_file, token_file, password_file, webhook_url_file) is read
    // from disk: /dev/stdin would be a read that waits, not a parser bug. (A key spelled with TOML
    // escapes still gets through; such a finding says so.)
    guard !text.contains("_file") else { return 0 }
    _ = try? SettingsLoader.settings(fromConfigText: text, path: "/nonexistent/feedwatch-fuzz/feedwatch.toml")
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("ConfigFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
