import CFuzzerDriver
import ArticleText
import FeedModel

/// Every input is an HTML fragment from a feed: turned into text, split into sentences, hashed
/// and fingerprinted, as articles are. A crash, a hang or a sanitizer report is a bug. The bytes
/// are also made a String by `String(decodingUTF8:)`, which must give the standard library's
/// String byte for byte: it skips the standard library's validation when its own check passes.
/// The text `HTMLText` writes becomes a String without any check, so its bytes are checked here.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let text = String(decoding: bytes, as: UTF8.self)
    let checked = String(decodingUTF8: bytes)
    if checked != text || !checked.utf8.elementsEqual(text.utf8) || checked.count != text.count {
        fatalError("String(decodingUTF8:) differs from String(decoding:as:)")
    }
    let plain = HTMLText.plainText(fromHTML: text)
    let collapsed = HTMLText.collapsingWhiteSpace(text)
    // Text the writers wrote becomes a String unchecked: its bytes must be valid UTF-8.
    let bodyText = ContentHash.bodyText(content: text, summary: nil, isPlainText: false)
    for written in [plain, collapsed, bodyText] where UTF8Validation.classify(Array(written.utf8)) == .invalid {
        fatalError("HTMLText wrote invalid UTF-8")
    }
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
