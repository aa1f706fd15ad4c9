import ArticleText
import FeedModel

/// A keyword tracker's verdict on one article.
public struct KeywordMatch: Sendable, Equatable {
    /// The terms found, as the user wrote them.
    public var matched: [String]
    /// The sentence around the first match.
    public var excerpt: String
}

/// Applies a `KeywordRule`: terms are whole words or phrases, case- and diacritics-insensitive;
/// any term (or, with `requireAll`, every term) must occur and no excluded term may.
public struct KeywordMatcher: Sendable {
    private let rule: KeywordRule
    private let terms: [(term: String, words: [String])]
    private let excluded: [[String]]

    public init(rule: KeywordRule) {
        self.rule = rule
        terms = rule.terms.map { ($0, WordSplitter.foldedWords(of: $0)) }.filter { !$0.words.isEmpty }
        excluded = rule.exclude.map(WordSplitter.foldedWords(of:)).filter { !$0.isEmpty }
    }

    public func match(_ document: ArticleDocument) -> KeywordMatch? {
        var matched: [String] = []
        var occurrences: [Int] = []
        for (term, words) in terms {
            let found = document.occurrences(of: words)
            if found.isEmpty {
                if rule.requireAll { return nil }
                continue
            }
            matched.append(term)
            occurrences += found
        }
        guard !matched.isEmpty else { return nil }
        for words in excluded where !document.occurrences(of: words).isEmpty { return nil }
        // The excerpt comes from the body when the body mentions a term: the title alone says less.
        let positions = occurrences.map { document.words[$0].range.lowerBound }.sorted()
        let position = positions.first { $0 >= document.bodyStart } ?? positions[0]
        let sentence = document.sentences.sentence(containing: position) ?? document.text[...]
        return KeywordMatch(matched: matched, excerpt: String(sentence))
    }
}
