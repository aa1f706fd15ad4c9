import CFuzzerDriver
import FeedModel

/// Every input is a `database` setting as a person writes it in the config or on the command line:
/// it is a `postgresql://` URL that reads (with a port in range and text without control
/// characters, and a description that never shows the password) or a refusal whose message is
/// itself safe to print. A crash or a sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let address = try PostgresAddress(parsing: text)
        if !(1...65_535).contains(address.port) { fatalError("an accepted port is out of range") }
        if address.user.isEmpty || address.host.isEmpty || address.database.isEmpty { fatalError("an accepted URL has an empty part") }
        if TerminalText.hasControlCharacters(address.description) { fatalError("a description holds a control character") }
        if let password = address.password, address.description.hasPrefix("postgresql://\(address.user):\(password)@") {
            fatalError("a description shows the password")
        }
    } catch {
        if TerminalText.hasControlCharacters(error.description) { fatalError("a refusal prints a control character") }
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("DatabaseURLFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
