import FeedModel

/// A keyword tracker's verdict on one article.
public struct KeywordMatch: Sendable, Equatable {
    /// The terms found, as the user wrote them.
    public var matched: [String]
    /// The sentence around the first match.
    public var excerpt: String
}

/// Applies a `KeywordRule` on its own: terms are whole words or phrases, case- and
/// diacritics-insensitive; any term (or, with `requireAll`, every term) must occur and no
/// excluded term may. `TrackerEvaluator` applies many rules with one reading of the article.
public struct KeywordMatcher: Sendable {
    private let phrases: PhraseTable
    private let terms: KeywordTerms

    public init(rule: KeywordRule) {
        var phrases = PhraseTable()
        terms = KeywordTerms(rule: rule, phrases: &phrases)
        self.phrases = phrases
    }

    public func match(_ document: ArticleDocument) -> KeywordMatch? {
        var sentences = ArticleSentences(document)
        return terms.match(PhraseOccurrences(in: document, of: phrases), in: document) { sentences.excerpt(containing: $0) }
    }
}
