import FigureExtraction
import Synchronization

/// An article's sentences, split on first use and shared by every tracker that quotes one or
/// reads figures in one, so a hundred matching trackers split the text once, not a hundred
/// times. The sentences are the figure extractor's (those of `Sentences.split`), so figures read
/// sentence by sentence are the ones reading the whole text gives.
public final class SentenceIndex: Sendable {
    private let text: String
    private let split = Mutex<[FigureSentence]?>(nil)

    init(_ text: String) {
        self.text = text
    }

    /// Every sentence, in order.
    var all: [FigureSentence] {
        split.withLock { cached in
            if let cached { return cached }
            let sentences = FigureExtractor().sentences(of: text)
            cached = sentences
            return sentences
        }
    }

    /// The sentence that contains `position`, if any.
    public func sentence(containing position: String.Index) -> Substring? {
        let all = all
        // The last sentence starting at or before the position.
        var low = 0
        var high = all.count
        while low < high {
            let middle = (low + high) / 2
            if all[middle].text.startIndex <= position { low = middle + 1 } else { high = middle }
        }
        guard low > 0, position < all[low - 1].text.endIndex else { return nil }
        return all[low - 1].text
    }

    /// The index in `all` of the sentence that contains the scalar at `offset`, if any.
    func sentence(containingScalar offset: Int) -> Int? {
        let all = all
        var low = 0
        var high = all.count
        while low < high {
            let middle = (low + high) / 2
            if all[middle].scalars.lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0, all[low - 1].scalars.contains(offset) else { return nil }
        return low - 1
    }
}
