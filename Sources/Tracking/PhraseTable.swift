/// The terms of a set of trackers (keyword terms, excluded terms, figure trackers' terms), each
/// folded once into a phrase: a sequence of word ids of one shared `TermVocabulary`. Terms that
/// fold to the same words share a phrase, and so are looked for once.
struct PhraseTable: Sendable {
    private(set) var vocabulary = TermVocabulary()
    /// The word ids of each phrase, by phrase id.
    private(set) var phrases: [[Int]] = []
    /// For each word id, the phrases that start with it.
    private(set) var phrasesStartingWith: [[Int]] = []
    private var ids: [[Int]: Int] = [:]

    /// The phrase of a term as the user wrote it; nil when it has no words (such a term matches nothing).
    mutating func add(_ term: String) -> Int? {
        let words = WordSplitter.foldedWords(of: term).map { vocabulary.insert($0) }
        guard let first = words.first else { return nil }
        if let id = ids[words] { return id }
        let id = phrases.count
        phrases.append(words)
        ids[words] = id
        while phrasesStartingWith.count < vocabulary.count { phrasesStartingWith.append([]) }
        phrasesStartingWith[first].append(id)
        return id
    }
}
