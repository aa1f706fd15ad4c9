/// Reads the hedge written just before a figure: "more than 600,000", "just over 19%".
struct QualifierReader {
    let tokens: [Token]

    /// The canonical qualifier ending right before token `index`, if any.
    func qualifier(before index: Int) -> String? {
        read(before: index)?.canonical
    }

    /// The canonical qualifier ending right before token `index` and the token it starts at.
    func read(before index: Int) -> (canonical: String, start: Int)? {
        var end = index
        // "approx. 300"
        if end > 0, tokens[end - 1].isSymbol("."), end > 1, tokens[end - 2].isWord("approx") { end -= 1 }
        for (words, canonical) in Lexicon.qualifiers where words.count <= end {
            var matches = true
            for (offset, word) in words.enumerated() where !tokens[end - words.count + offset].isWord(word) {
                matches = false
                break
            }
            if matches, contiguous(from: end - words.count, to: end) { return (canonical, end - words.count) }
        }
        return nil
    }

    /// No symbol (a comma, a period) between the qualifier's words and the figure.
    private func contiguous(from start: Int, to end: Int) -> Bool {
        (start..<end).allSatisfy { tokens[$0].kind == .word || tokens[$0].isSymbol(".") }
    }
}
