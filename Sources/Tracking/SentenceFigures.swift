import FigureExtraction

/// The figures of one article's sentences, extracted on first use and only in the sentences a
/// figure tracker's term is in: the cost follows the text near terms, not the whole text, and
/// not the number of trackers. Each sentence's figures are exactly those extracting the whole
/// text gives for it (see `FigureExtractor.figures(in:)` for a `FigureSentence`).
struct SentenceFigures {
    private let sentences: SentenceIndex
    private var extracted: [Int: [Figure]] = [:]
    private let extractor = FigureExtractor()

    init(_ sentences: SentenceIndex) {
        self.sentences = sentences
    }

    /// The figures of the sentence holding the scalar at `offset`; none when it is in no sentence.
    mutating func figures(inSentenceContaining offset: Int) -> [Figure] {
        guard let sentence = sentences.sentence(containingScalar: offset) else { return [] }
        if let figures = extracted[sentence] { return figures }
        let figures = extractor.figures(in: sentences.all[sentence])
        extracted[sentence] = figures
        return figures
    }
}
