import FeedModel
import FigureExtraction

/// The value a figure tracker reads in one article.
public struct FigureReading: Sendable, Equatable {
    public var figure: Figure
    /// The term the figure was found near, as the user wrote it.
    public var term: String
    /// The figure with its noun when the term follows it ("800,000 troops"), else the figure.
    public var text: String
    /// Whether the figure's status (`reported`, `attributed`, or one the rule accepts) lets it
    /// move the tracker; a reading that does not is only recorded.
    public var isAccepted: Bool = true
}

/// Applies a `FigureRule` on its own: the figure (of the rule's unit) closest to a term in the
/// same sentence, at most `window` words away; the closest anywhere in the article wins, then
/// the earliest. `TrackerEvaluator` applies many rules with one reading of the article.
public struct FigureMatcher: Sendable {
    private let phrases: PhraseTable
    private let terms: FigureTerms

    public init(rule: FigureRule) {
        var phrases = PhraseTable()
        terms = FigureTerms(rule: rule, phrases: &phrases)
        self.phrases = phrases
    }

    /// `figures` are those of `document.text`.
    public func reading(in document: ArticleDocument, figures: [Figure]) -> FigureReading? {
        terms.reading(PhraseOccurrences(in: document, of: phrases), in: document) { _ in figures }
    }
}
