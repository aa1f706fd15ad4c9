import Foundation

/// The passage of an article that a search matched, with each match between `**`, as search
/// engines show it: about 160 characters around the first match, cut at words.
enum SearchSnippet {
    static let radius = 80

    /// Nil when no term occurs as a word (the index matched a form folded differently).
    static func make(title: String?, text: String, terms: [String]) -> String? {
        for source in [text, title ?? ""] {
            if let snippet = around(in: source, terms: terms) { return snippet }
        }
        return nil
    }

    private static func around(in text: String, terms: [String]) -> String? {
        let matches = terms.flatMap { wordRanges(of: $0, in: text) }.sorted { $0.lowerBound < $1.lowerBound }
        guard let first = matches.first else { return nil }
        let start = text.index(first.lowerBound, offsetBy: -radius, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(first.upperBound, offsetBy: radius, limitedBy: text.endIndex) ?? text.endIndex
        // Cut at white space so no word is shown in part.
        let from = start == text.startIndex ? start : (text[start..<first.lowerBound].firstIndex(where: \.isWhitespace).map(text.index(after:)) ?? first.lowerBound)
        let to = end == text.endIndex ? end : (text[first.upperBound..<end].lastIndex(where: \.isWhitespace) ?? first.upperBound)
        var snippet = from == text.startIndex ? "" : "…"
        var position = from
        for match in matches where match.lowerBound >= position && match.upperBound <= to {
            snippet += text[position..<match.lowerBound] + "**" + text[match] + "**"
            position = match.upperBound
        }
        snippet += text[position..<to]
        if to != text.endIndex { snippet += "…" }
        return snippet.split(whereSeparator: \.isNewline).joined(separator: " ")
    }

    /// Where `term` occurs as a word (or a word's start, for a prefix), ignoring case and diacritics.
    private static func wordRanges(of term: String, in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var searchStart = text.startIndex
        while let range = text.range(of: term, options: [.caseInsensitive, .diacriticInsensitive], range: searchStart..<text.endIndex) {
            let before = range.lowerBound == text.startIndex ? nil : text[text.index(before: range.lowerBound)]
            if before.map({ !$0.isLetter && !$0.isNumber }) ?? true {
                // Extend to the end of the word, so a prefix shows the whole word it matched.
                let end = text[range.upperBound...].firstIndex { !$0.isLetter && !$0.isNumber } ?? text.endIndex
                ranges.append(range.lowerBound..<end)
                searchStart = end
            } else {
                searchStart = range.upperBound
            }
            if ranges.count >= 20 || searchStart == text.endIndex { break }
        }
        return ranges
    }
}
