/// Where the phrases of a `PhraseTable` occur in one article, found in one pass over its words:
/// each word is folded and looked up once, whatever the number of trackers, and only words of
/// some term are remembered. ASCII words are given up when no term word's key begins with the
/// byte theirs would (`SpellingVariants.firstKeyByte`); the rest are folded into a buffer on the
/// stack and given up as soon as their key grows longer than every term word's key, so ASCII
/// words in no term allocate nothing (the article's word positions grow one array).
struct PhraseOccurrences {
    /// One place a phrase occurs.
    struct Occurrence {
        /// The phrase's words, as indices among all the article's words.
        var words: Range<Int>
        /// From the start of its first word to the end of its last, in UTF-8 bytes.
        var bytes: Range<Int>
    }

    /// Where each of the article's words is, in Unicode scalars (as figures are placed), for
    /// counting the words between a figure and a term.
    let wordScalars: [Range<Int>]
    /// Occurrences grouped by phrase, each group in text order: phrase `p`'s are
    /// `found[groups[p]..<groups[p + 1]]`. Empty when no phrase occurs.
    private let found: [Occurrence]
    private let groups: [Int]

    /// `foldedWords`, when given, remembers the non-ASCII words of earlier articles read with
    /// the same table.
    init(in document: ArticleDocument, of table: PhraseTable, foldedWords: FoldedWordCache? = nil) {
        let (wordScalars, termWords) = Self.termWords(of: document, in: table.vocabulary, foldedWords: foldedWords)
        self.wordScalars = wordScalars
        var located: [(phrase: Int, occurrence: Occurrence)] = []
        for (index, hit) in termWords.enumerated() {
            for phrase in table.phrasesStartingWith[hit.id] {
                let words = table.phrases[phrase]
                guard index + words.count <= termWords.count else { continue }
                // A phrase's later words are term words too, so they are the next ones recorded.
                var matches = true
                for offset in 1..<words.count {
                    let next = termWords[index + offset]
                    if next.word != hit.word + offset || next.id != words[offset] {
                        matches = false
                        break
                    }
                }
                guard matches else { continue }
                let last = termWords[index + words.count - 1]
                located.append((phrase, Occurrence(
                    words: hit.word..<(hit.word + words.count), bytes: hit.bytes.lowerBound..<last.bytes.upperBound)))
            }
        }
        guard !located.isEmpty else {
            self.found = []
            groups = []
            return
        }
        // Counting sort by phrase keeps each phrase's occurrences in text order.
        var groups = Array(repeating: 0, count: table.phrases.count + 1)
        for entry in located { groups[entry.phrase + 1] += 1 }
        for phrase in 0..<table.phrases.count { groups[phrase + 1] += groups[phrase] }
        var next = groups
        var sorted = Array(repeating: Occurrence(words: 0..<0, bytes: 0..<0), count: located.count)
        for entry in located {
            sorted[next[entry.phrase]] = entry.occurrence
            next[entry.phrase] += 1
        }
        self.found = sorted
        self.groups = groups
    }

    /// No phrase occurs: no tracker can fire.
    var isEmpty: Bool { found.isEmpty }

    /// Where `phrase` occurs, in text order.
    func occurrences(of phrase: Int) -> ArraySlice<Occurrence> {
        guard !groups.isEmpty else { return [] }
        return found[groups[phrase]..<groups[phrase + 1]]
    }

    /// A word of some term: its index among all words, its id in the vocabulary, its bytes.
    private struct TermWord {
        var word: Int
        var id: Int
        var bytes: Range<Int>
    }

    private static func termWords(
        of document: ArticleDocument, in vocabulary: TermVocabulary, foldedWords: FoldedWordCache?
    ) -> ([Range<Int>], [TermWord]) {
        var wordScalars: [Range<Int>] = []
        var termWords: [TermWord] = []
        var text = document.text
        text.withUTF8 { utf8 in
            // About one word in six bytes of news text: one allocation, not one per doubling.
            wordScalars.reserveCapacity(utf8.count / 5 + 8)
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(vocabulary.longestASCIIKey, 1)) { key in
                WordSplitter.forEachWord(in: utf8) { span in
                    let id: Int?
                    if span.isASCII {
                        let bytes = UnsafeBufferPointer(rebasing: utf8[span.bytes])
                        if let first = SpellingVariants.firstKeyByte(ofASCII: bytes), !vocabulary.mayBeKey(beginningWith: first) {
                            id = nil
                        } else {
                            id = SpellingVariants.key(ascii: bytes, into: key).flatMap {
                                vocabulary.id(ofASCII: UnsafeBufferPointer(rebasing: key[..<$0]))
                            }
                        }
                    } else {
                        let word = document.text[WordSplitter.range(of: span.bytes, in: document.text)]
                        id = foldedWords.map { $0.id(of: word, in: vocabulary) } ?? vocabulary.id(of: WordSplitter.fold(word))
                    }
                    if let id { termWords.append(TermWord(word: wordScalars.count, id: id, bytes: span.bytes)) }
                    wordScalars.append(span.scalars)
                }
            }
        }
        return (wordScalars, termWords)
    }
}
