import FeedModel

/// A `KeywordRule` with its terms folded into phrases of a shared `PhraseTable`, so that
/// applying it to an article whose phrases were found once costs a few lookups.
struct KeywordTerms: Sendable {
    private let rule: KeywordRule
    private let terms: [(term: String, phrase: Int)]
    private let excluded: [Int]

    init(rule: KeywordRule, phrases: inout PhraseTable) {
        self.rule = rule
        terms = rule.terms.compactMap { term in phrases.add(term).map { (term, $0) } }
        excluded = rule.exclude.compactMap { phrases.add($0) }
    }

    /// Any term (or, with `requireAll`, every term) occurs and no excluded term does; the
    /// excerpt is the sentence around the earliest match in the body, else in the title, as
    /// `excerpt` quotes the sentence around a position.
    func match(
        _ found: PhraseOccurrences, in document: ArticleDocument, excerpt: (String.Index) -> String
    ) -> KeywordMatch? {
        var matched: [String] = []
        var earliest = Int.max
        var earliestInBody = Int.max
        for index in terms.indices {
            let occurrences = found.occurrences(of: terms[index].phrase)
            guard let first = occurrences.first else {
                if rule.requireAll { return nil }
                continue
            }
            matched.append(terms[index].term)
            earliest = min(earliest, first.bytes.lowerBound)
            if let inBody = occurrences.first(where: { $0.bytes.lowerBound >= document.bodyStartOffset }) {
                earliestInBody = min(earliestInBody, inBody.bytes.lowerBound)
            }
        }
        guard !matched.isEmpty else { return nil }
        for phrase in excluded where !found.occurrences(of: phrase).isEmpty { return nil }
        // The excerpt comes from the body when the body mentions a term: the title alone says less.
        let position = document.index(atByte: earliestInBody < Int.max ? earliestInBody : earliest)
        return KeywordMatch(matched: matched, excerpt: excerpt(position))
    }
}
