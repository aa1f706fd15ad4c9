/// A piece of a sentence as the figure grammar sees it. Offsets are in Unicode scalars.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        /// Digits with optional grouping (`350,000`, `350 000`) and decimals (`1.2`).
        case number
        /// Letters (lower-cased in `text`; `capitalized` keeps the case of the first letter).
        case word
        /// Any other single scalar: `$`, `%`, `-`, `:`, `.`, `/`.
        case symbol
    }

    var kind: Kind
    /// Words: lower-cased letters. Numbers: the digits with the decimal point, no grouping.
    /// Symbols: the scalar itself.
    var text: String
    var start: Int
    var end: Int
    var capitalized = false
    /// Words: every letter is a capital ("USD", "GMT").
    var allCaps = false
    /// Numbers: written with grouping separators.
    var grouped = false
    /// Numbers: written with a decimal point.
    var hasDecimal = false
    /// Words and symbols: the word lists `text` is in (see `WordClasses`).
    var classes: WordClasses = []
    /// Symbols: the scalar `text` holds, compared without comparing Strings (the grammar asks
    /// of every token whether it is one symbol or another, millions of times a cycle).
    var symbol: Unicode.Scalar = "\u{0}"

    func isSymbol(_ symbol: Unicode.Scalar) -> Bool { kind == .symbol && self.symbol == symbol }
    func isWord(_ word: String) -> Bool { kind == .word && text == word }
    /// A word in a list of `classes` (a symbol never is: the lists of symbols are separate).
    func isWord(in classes: WordClasses) -> Bool { kind == .word && !self.classes.isDisjoint(with: classes) }

    /// Integer value of a number without decimals, when small enough to matter for calendars.
    var integer: Int? { kind == .number && !hasDecimal ? Int(text) : nil }
    /// A bare four-digit integer, as years are written.
    var isFourDigitInteger: Bool { kind == .number && !hasDecimal && !grouped && text.utf8.count == 4 }
}

/// Splits text into tokens, reading digit grouping and decimals into one number token.
enum Tokenizer {
    static func tokens(_ scalars: [Unicode.Scalar], in range: Range<Int>) -> [Token] {
        var tokens: [Token] = []
        // About one token in five scalars of news text: one allocation, not one per doubling.
        tokens.reserveCapacity(range.count / 4 + 4)
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let scalar = scalars[index]
            if isDigit(scalar) {
                tokens.append(number(scalars, from: index, to: end))
                index = tokens[tokens.count - 1].end
            } else if isLetter(scalar) {
                var stop = index + 1
                while stop < end {
                    if isLetter(scalars[stop]) {
                        stop += 1
                    } else if isApostrophe(scalars[stop]), stop + 1 < end, isLetter(scalars[stop + 1]) {
                        stop += 2
                    } else {
                        break
                    }
                }
                let (lowered, allCaps) = lowercased(scalars[index..<stop])
                tokens.append(Token(
                    kind: .word, text: lowered, start: index, end: stop,
                    capitalized: scalar.isASCII ? scalar.value >= 0x41 && scalar.value <= 0x5A : scalar.properties.isUppercase,
                    allCaps: allCaps, classes: WordTable.shared.classes(of: lowered)))
                index = stop
            } else if scalar == " " || (scalar.isASCII ? scalar.value >= 0x09 && scalar.value <= 0x0D : scalar.properties.isWhitespace) {
                index += 1
            } else {
                let symbol = String(Character(scalar))
                tokens.append(Token(
                    kind: .symbol, text: symbol, start: index, end: index + 1, classes: WordTable.shared.classes(of: symbol),
                    symbol: scalar))
                index += 1
            }
        }
        return tokens
    }

    private static func number(_ scalars: [Unicode.Scalar], from start: Int, to end: Int) -> Token {
        var index = start
        while index < end, isDigit(scalars[index]) { index += 1 }
        let leadingGroup = index - start
        var grouped = false
        // Grouping: "350,000" or "350 000" (space, no-break or thin space), each group three digits.
        // "0 800 500 225" is a telephone number, not a grouped figure.
        if leadingGroup <= 3, scalars[start] != "0" {
            var separator: Unicode.Scalar?
            while index + 3 < end || index + 3 == end {
                guard index < end, isGroupSeparator(scalars[index]),
                      separator == nil || separator == scalars[index],
                      threeDigits(scalars, at: index + 1, end: end)
                else { break }
                separator = scalars[index]
                index += 4
                grouped = true
            }
        }
        var hasDecimal = false
        if index + 1 < end, scalars[index] == ".", isDigit(scalars[index + 1]) {
            hasDecimal = true
            index += 1
            while index < end, isDigit(scalars[index]) { index += 1 }
        }
        // The digits and the decimal point, without grouping separators.
        let span = scalars[start..<index]
        let digits = String(unsafeUninitializedCapacity: span.count) { buffer in
            var count = 0
            for scalar in span where isDigit(scalar) || scalar == "." {
                buffer[count] = UInt8(scalar.value)
                count += 1
            }
            return count
        }
        return Token(kind: .number, text: digits, start: start, end: index, grouped: grouped, hasDecimal: hasDecimal)
    }

    /// Lower-cased letters, built without intermediate strings for ASCII words; and whether the
    /// word is written in capitals.
    private static func lowercased(_ letters: ArraySlice<Unicode.Scalar>) -> (String, Bool) {
        if letters.allSatisfy(\.isASCII) {
            var upper = 0
            let text = String(unsafeUninitializedCapacity: letters.count) { buffer in
                var count = 0
                for scalar in letters {
                    let byte = UInt8(scalar.value)
                    if byte >= 0x41 && byte <= 0x5A {
                        upper += 1
                        buffer[count] = byte | 0x20
                    } else {
                        buffer[count] = byte
                    }
                    count += 1
                }
                return count
            }
            return (text, upper > 0 && upper == letters.count(where: { $0 != "'" }))
        }
        let word = String(unsafeUninitializedCapacity: letters.count * 4) { buffer in
            var count = 0
            for scalar in letters {
                for byte in scalar.utf8 {
                    buffer[count] = byte
                    count += 1
                }
            }
            return count
        }
        let lowered = word.lowercased()
        return (lowered, lowered != word && word.uppercased() == word)
    }

    /// Three digits at `index` not followed by a fourth.
    private static func threeDigits(_ scalars: [Unicode.Scalar], at index: Int, end: Int) -> Bool {
        guard index + 3 <= end else { return false }
        for offset in 0..<3 where !isDigit(scalars[index + offset]) { return false }
        return index + 3 == end || !isDigit(scalars[index + 3])
    }

    private static func isGroupSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "," || scalar == " " || scalar == "\u{00A0}" || scalar == "\u{202F}" || scalar == "\u{2009}"
    }

    @inline(__always) static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    @inline(__always) private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A
        }
        return scalar.properties.isAlphabetic
    }

    private static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool { scalar == "'" || scalar == "’" }
}
