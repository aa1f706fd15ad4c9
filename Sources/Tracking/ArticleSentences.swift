import FigureExtraction

/// One article's sentences as its trackers use them while it is evaluated: each sentence is
/// quoted, and its figures extracted, at most once however many trackers ask. Figures are only
/// extracted in the sentences a figure tracker's term is in, so their cost follows the text near
/// terms, not the whole text; each sentence's figures are exactly those extracting the whole
/// text gives for it (see `FigureExtractor.figures(in:)` for a `FigureSentence`).
struct ArticleSentences {
    private let document: ArticleDocument
    private var split: [FigureSentence]?
    /// By sentence; the last slot is the whole text's (a position in no sentence). Made on first use.
    private var excerpts: [String?] = []
    /// By sentence; made on first use.
    private var figures: [[Figure]?] = []
    private let extractor = FigureExtractor()

    init(_ document: ArticleDocument) {
        self.document = document
    }

    /// The sentence around `position`, or the whole text when no sentence holds it.
    mutating func excerpt(containing position: String.Index) -> String {
        let sentences = all()
        if excerpts.isEmpty { excerpts = Array(repeating: nil, count: sentences.count + 1) }
        let sentence = SentenceIndex.sentence(containing: position, in: sentences) ?? sentences.count
        if let excerpt = excerpts[sentence] { return excerpt }
        let excerpt = String(sentence == sentences.count ? document.text[...] : sentences[sentence].text)
        excerpts[sentence] = excerpt
        return excerpt
    }

    /// The figures of the sentence holding the scalar at `offset`; none when it is in no sentence.
    mutating func figures(inSentenceContaining offset: Int) -> [Figure] {
        let sentences = all()
        guard let sentence = SentenceIndex.sentence(containingScalar: offset, in: sentences) else { return [] }
        if figures.isEmpty { figures = Array(repeating: nil, count: sentences.count) }
        if let found = figures[sentence] { return found }
        let found = extractor.figures(in: sentences[sentence])
        figures[sentence] = found
        return found
    }

    private mutating func all() -> [FigureSentence] {
        if let split { return split }
        let sentences = document.sentences.all
        split = sentences
        return sentences
    }
}
