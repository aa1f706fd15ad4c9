import CFuzzerDriver
import FeedModel

/// Every input is what a person types to `articles --search`. The FTS5 query it becomes must be
/// well-formed whatever the input: every term a quoted string with its quotes doubled, `OR` only
/// between two terms. A crash, a hang or a broken invariant is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let query = SearchQuery(text) else { return 0 }
    precondition(!query.terms.isEmpty && query.terms.first != .or && query.terms.last != .or)
    for (previous, next) in zip(query.terms, query.terms.dropFirst()) { precondition(!(previous == .or && next == .or)) }
    // Outside quoted strings only `OR`, `*` and spaces; inside, quotes come in pairs.
    var inside = false
    var outside = ""
    var scalars = query.fts5.unicodeScalars.makeIterator()
    while let scalar = scalars.next() {
        if scalar == "\"" {
            inside.toggle()
        } else if !inside {
            outside.unicodeScalars.append(scalar)
        }
    }
    precondition(!inside, "an unterminated string in \(query.fts5)")
    precondition(outside.split(separator: " ").allSatisfy { $0 == "OR" || $0 == "*" }, "bare syntax in \(query.fts5)")
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("SearchQueryFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
