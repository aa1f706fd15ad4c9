import ArticleText
import Synchronization

/// An article's sentences, split on first use and shared by every tracker that quotes one, so a
/// hundred matching trackers split the text once, not a hundred times.
public final class SentenceIndex: Sendable {
    private let text: String
    private let sentences = Mutex<[Substring]?>(nil)

    init(_ text: String) {
        self.text = text
    }

    /// The sentence that contains `position`, if any.
    public func sentence(containing position: String.Index) -> Substring? {
        let all = sentences.withLock { cached in
            if let cached { return cached }
            let split = Sentences.split(text)
            cached = split
            return split
        }
        // The last sentence starting at or before the position.
        var low = 0
        var high = all.count
        while low < high {
            let middle = (low + high) / 2
            if all[middle].startIndex <= position { low = middle + 1 } else { high = middle }
        }
        guard low > 0, position < all[low - 1].endIndex else { return nil }
        return all[low - 1]
    }
}
