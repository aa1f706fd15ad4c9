import CFuzzerDriver
import ArticleText

/// Every input is an HTML fragment from a feed: turned into text, split into sentences, hashed
/// and fingerprinted, as articles are. A crash, a hang or a sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let plain = HTMLText.plainText(fromHTML: text)
    _ = HTMLText.collapsingWhiteSpace(text)
    _ = Sentences.split(plain)
    _ = Sentences.split(text)
    if !plain.isEmpty {
        _ = Sentences.sentence(containing: plain.index(plain.startIndex, offsetBy: plain.count / 2), in: plain)
    }
    // The first line as the title, as a feed item has one.
    let title = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
    _ = ContentHash.of(title: title, body: text)
    _ = ContentHash.normalize(plain)
    // A story's fingerprint is stored and compared across processes: the same text, the same print.
    if StoryFingerprint.of(plain) != StoryFingerprint.of(plain) {
        fatalError("a story fingerprint that changes between two readings of one text")
    }
    return 0
}

/// SwiftPM links an executable's `main` to `<target>_main`: hand control to libFuzzer's driver.
@_cdecl("HTMLTextFuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    FuzzerMain(argc, argv)
}
