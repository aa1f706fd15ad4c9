import FigureExtraction
import Synchronization

/// An article's sentences, split on first use and shared by every tracker that quotes one or
/// reads figures in one, so a hundred matching trackers split the text once, not a hundred
/// times. The sentences are the figure extractor's (those of `Sentences.split`), so figures read
/// sentence by sentence are the ones reading the whole text gives.
final class SentenceIndex: Sendable {
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

    /// The index in `sentences` of the one that contains `position`, if any: the last one
    /// starting at or before it, when it ends after it.
    static func sentence(containing position: String.Index, in sentences: [FigureSentence]) -> Int? {
        var low = 0
        var high = sentences.count
        while low < high {
            let middle = (low + high) / 2
            if sentences[middle].text.startIndex <= position { low = middle + 1 } else { high = middle }
        }
        guard low > 0, position < sentences[low - 1].text.endIndex else { return nil }
        return low - 1
    }

    /// The index in `sentences` of the one that contains the scalar at `offset`, if any.
    static func sentence(containingScalar offset: Int, in sentences: [FigureSentence]) -> Int? {
        var low = 0
        var high = sentences.count
        while low < high {
            let middle = (low + high) / 2
            if sentences[middle].scalars.lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0, sentences[low - 1].scalars.contains(offset) else { return nil }
        return low - 1
    }
}
