import Synchronization

/// What the non-ASCII words already read fold to, as vocabulary ids, shared by every article an
/// evaluator reads. Folding such a word goes through Foundation and costs far more than the rest
/// of reading it; the same words come back article after article (in a Cyrillic feed, nearly
/// all of them), so each distinct word is folded about once. The cache only remembers the result
/// of a pure function, so findings never depend on what it holds; it is emptied when full.
final class FoldedWordCache: Sendable {
    private static let capacity = 1 << 16
    /// A word's UTF-8 bytes → its vocabulary id, or -1 for a word in no term. Keyed by bytes, not
    /// by `String`: strings compare equal when canonically equivalent, but folding works on
    /// scalars and need not give two such spellings the same key.
    private let ids = Mutex<[[UInt8]: Int]>([:])

    /// The vocabulary id of `word`, folding it only when it was not seen before.
    func id(of word: Substring, in vocabulary: TermVocabulary) -> Int? {
        let key = Array(word.utf8)
        if let known = ids.withLock({ $0[key] }) { return known < 0 ? nil : known }
        // Folded outside the lock, so that other threads are not kept waiting.
        let id = vocabulary.id(of: WordSplitter.fold(word))
        ids.withLock { ids in
            if ids.count >= Self.capacity { ids.removeAll(keepingCapacity: true) }
            ids[key] = id ?? -1
        }
        return id
    }
}
