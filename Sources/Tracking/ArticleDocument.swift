/// An article's title and text as one string, prepared once for every tracker: matches are
/// located in it, and its sentences are split on first use and shared.
public struct ArticleDocument: Sendable {
    /// `title`, a line break, then the body text.
    public let text: String
    /// Where the body starts in `text` (after the title and its line break), in UTF-8 bytes.
    let bodyStartOffset: Int
    /// The sentences of `text`, for quoting the one around a match and reading figures.
    let sentences: SentenceIndex

    public init(title: String?, text: String) {
        var combined = text
        if let title {
            combined = ""
            combined.reserveCapacity(title.utf8.count + 1 + text.utf8.count)
            combined += title
            combined += "\n"
            combined += text
        }
        self.text = combined
        sentences = SentenceIndex(combined)
        bodyStartOffset = title.map { $0.utf8.count + 1 } ?? 0
    }

    /// The index `offset` UTF-8 bytes into `text` (a scalar boundary, as word bounds are).
    func index(atByte offset: Int) -> String.Index {
        text.utf8.index(text.startIndex, offsetBy: offset)
    }
}
