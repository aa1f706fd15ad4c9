/// What a person types to `articles --search`, as an SQLite FTS5 query.
///
/// Words are whole words, all of them required; `"two words"` is a phrase; a word ending in `*`
/// is a prefix (`ukrain*`); `OR` between two terms accepts either. Everything else the FTS5
/// syntax gives meaning to (`-`, `:`, `^`, parentheses, `NEAR`, column filters) is taken as
/// text: each term is passed quoted, so no input is a syntax error. Case and diacritics are
/// left to the index's tokenizer (unicode61, diacritics removed).
///
/// The text is read scalar by scalar, as SQLite reads it: a quote followed by a combining mark
/// is still a quote (as one Swift `Character` it would not be, and a phrase would stay open).
public struct SearchQuery: Sendable, Equatable {
    public enum Term: Sendable, Equatable {
        case word(String, prefix: Bool)
        case phrase(String)
        case or
    }

    public var terms: [Term]

    /// Nil when the text holds no letter or digit to search for.
    public init?(_ text: String) {
        var terms: [Term] = []
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            if scalar == "\"" {
                var end = index + 1
                while end < scalars.count, scalars[end] != "\"" { end += 1 }
                let phrase = Self.string(scalars[(index + 1)..<end])
                if Self.isSearchable(phrase) { terms.append(.phrase(phrase)) }
                index = end + 1
                continue
            }
            var end = index
            while end < scalars.count, !scalars[end].properties.isWhitespace, scalars[end] != "\"" { end += 1 }
            var word = scalars[index..<end]
            index = end
            if Self.string(word) == "OR" {
                // Only between two terms.
                if let last = terms.last, last != .or { terms.append(.or) }
                continue
            }
            let prefix = word.last == "*"
            while word.last == "*" { word.removeLast() }
            let text = Self.string(word)
            if Self.isSearchable(text) { terms.append(.word(text, prefix: prefix)) }
        }
        while terms.last == .or { terms.removeLast() }
        guard !terms.isEmpty else { return nil }
        self.terms = terms
    }

    /// The FTS5 query: every term a quoted string (a `"` inside doubled), implicit AND.
    public var fts5: String {
        terms.map { term in
            switch term {
            case .word(let word, let prefix): Self.quoted(word) + (prefix ? " *" : "")
            case .phrase(let phrase): Self.quoted(phrase)
            case .or: "OR"
            }
        }.joined(separator: " ")
    }

    /// The words and phrases to show highlighted (prefixes without their `*`).
    public var highlighted: [String] {
        terms.compactMap { term in
            switch term {
            case .word(let word, _): word
            case .phrase(let phrase): phrase
            case .or: nil
            }
        }
    }

    private static func quoted(_ text: String) -> String {
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for scalar in text.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    private static func isSearchable(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }
}
