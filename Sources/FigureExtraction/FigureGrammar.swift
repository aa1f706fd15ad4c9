/// Reads figures from a sentence's tokens: currency, number (digits or words), magnitude,
/// percent or currency after it, and ranges whose two ends share a unit or a magnitude.
struct FigureGrammar {
    let tokens: [Token]
    private let calendar: CalendarReadings
    private let qualifiers: QualifierReader

    init(tokens: [Token]) {
        self.tokens = tokens
        calendar = CalendarReadings(tokens: tokens)
        qualifiers = QualifierReader(tokens: tokens)
    }

    /// A figure as the grammar read it: the quantity, its hedge, and whether it is an end of a
    /// range (and which connector joined the two ends).
    struct Reading {
        var quantity: Quantity
        var qualifier: String?
        /// The token where the qualifier starts (the quantity's first token when none).
        var qualifierStart: Int
        var range: (connector: Connector, isFirst: Bool)?
    }

    /// Every figure in the sentence, in order, each with its qualifier.
    func read() -> [Reading] {
        var found: [Reading] = []
        var index = 0
        while index < tokens.count {
            if let resume = calendar.skip(at: index) {
                index = max(resume, index + 1)
                continue
            }
            guard Self.mayStartQuantity(tokens[index]), var first = quantity(at: index) else {
                index += 1
                continue
            }
            let hedge = qualifiers.read(before: first.first)
            let qualifier = hedge?.canonical
            let qualifierStart = hedge?.start ?? first.first
            if let (connector, end) = rangeEnd(after: first) {
                var second = end
                joinRange(&first, &second, connector: connector)
                found.append(Reading(quantity: first, qualifier: qualifier, qualifierStart: qualifierStart, range: (connector, true)))
                found.append(Reading(quantity: second, qualifier: qualifier, qualifierStart: second.first, range: (connector, false)))
                index = second.next
            } else {
                found.append(Reading(quantity: first, qualifier: qualifier, qualifierStart: qualifierStart))
                index = first.next
            }
        }
        return found
    }

    // MARK: - One figure

    /// Whether `quantity(at:)` can read a figure from this token: a number, a currency sign, a
    /// minus, or a word that is a currency code, a dollar prefix or a number word. Every other
    /// token (most of a sentence) is passed over without reading ahead from it.
    static func mayStartQuantity(_ token: Token) -> Bool {
        switch token.kind {
        case .number: true
        case .symbol: token.classes.contains(.currencySign) || token.text == "-" || token.text == "−"
        case .word: !token.classes.isDisjoint(with: [.currencyCode, .dollarPrefix, .numberStarter])
        }
    }

    func quantity(at start: Int) -> Quantity? {
        var index = start
        var unit: String?
        var negative = false
        // Currency before the number: "$", "US$", "€", "USD".
        if let (code, next) = currencyPrefix(at: index) {
            unit = code
            index = next
            guard index < tokens.count, tokens[index].start - tokens[index - 1].end <= 1 else { return nil }
        } else if (tokens[index].isSymbol("-") || tokens[index].isSymbol("−")), index + 1 < tokens.count,
                  tokens[index + 1].kind == .number, tokens[index + 1].start == tokens[index].end,
                  index == 0 || tokens[index - 1].end < tokens[index].start {
            negative = true
            index += 1
        }
        guard index < tokens.count else { return nil }
        var quantity = Quantity(first: start, next: index, unit: unit)
        quantity.negative = negative
        let token = tokens[index]
        if token.kind == .number {
            if index != start, calendar.skip(at: index) != nil, unit == nil { return nil }
            quantity.digits = token.text
            index += 1
            if let suffix = calendar.glued(after: index - 1), suffix.kind == .word {
                if suffix.isWord(in: [.gluedMagnitude, .magnitudeWord]),
                   let exponent = Lexicon.gluedMagnitudes[suffix.text] ?? Lexicon.magnitudeWords[suffix.text] {
                    quantity.exponent = exponent
                    index += 1
                } else if suffix.classes.contains(.percentWord) {
                    quantity.unit = "percent"
                    index += 1
                }
            } else if index < tokens.count, tokens[index].isWord(in: .magnitudeWord),
                      let exponent = Lexicon.magnitudeWords[tokens[index].text] {
                quantity.exponent = exponent
                index += 1
            }
        } else if NumberWords.starts(token), let reading = NumberWords.read(tokens, at: index) {
            quantity.wordValue = reading.value
            index = reading.next
        } else {
            return nil
        }
        quantity.next = index
        if quantity.unit != "percent" { readUnitSuffix(into: &quantity) }
        return quantity
    }

    private func currencyPrefix(at index: Int) -> (String, Int)? {
        let token = tokens[index]
        if token.kind == .symbol {
            guard token.classes.contains(.currencySign), let code = Lexicon.currencySigns[token.text] else { return nil }
            return (code, index + 1)
        }
        guard token.kind == .word else { return nil }
        // "US$", "C$", "HK$"
        if token.allCaps || token.capitalized, token.classes.contains(.dollarPrefix), let code = Lexicon.dollarPrefixes[token.text],
           let sign = calendar.glued(after: index), sign.isSymbol("$") {
            return (code, index + 2)
        }
        // "USD 5 million", "EUR 300m"
        if token.allCaps, token.classes.contains(.currencyCode), index + 1 < tokens.count,
           tokens[index + 1].kind == .number {
            return (token.text.uppercased(), index + 1)
        }
        return nil
    }

    /// Percent or currency written after the number (and its magnitude).
    private func readUnitSuffix(into quantity: inout Quantity) {
        var index = quantity.next
        guard index < tokens.count else { return }
        let token = tokens[index]
        if token.isSymbol("%") && token.start - tokens[index - 1].end <= 1 {
            quantity.unit = "percent"
            index += 1
        } else if token.isWord(in: .percentWord) && token.text != "pc" {
            quantity.unit = "percent"
            index += 1
        } else if token.isWord("per"), index + 1 < tokens.count, tokens[index + 1].isWord("cent") {
            quantity.unit = "percent"
            index += 2
        } else if token.isWord("percentage"), index + 1 < tokens.count,
                  tokens[index + 1].isWord("point") || tokens[index + 1].isWord("points") {
            quantity.unit = "percent"
            index += 2
        } else if quantity.unit == nil {
            if token.isWord("us"), index + 1 < tokens.count,
               tokens[index + 1].isWord("dollars") || tokens[index + 1].isWord("dollar") {
                quantity.unit = "USD"
                index += 2
            } else if token.isWord(in: .currencyWord), let code = Lexicon.currencyWords[token.text] {
                quantity.unit = code
                index += 1
                if code == "GBP", index < tokens.count, tokens[index].isWord("sterling") { index += 1 }
            } else if token.allCaps, token.classes.contains(.currencyCode) {
                quantity.unit = token.text.uppercased()
                index += 1
            }
        }
        quantity.next = index
    }

    // MARK: - Ranges

    /// "10,000-20,000", "10 to 20 per cent", "between 1.1 and 1.2 million", "from 600,000 to 800,000".
    private func rangeEnd(after first: Quantity) -> (Connector, Quantity)? {
        let index = first.next
        guard index + 1 < tokens.count else { return nil }
        let token = tokens[index]
        let before = calendar.wordBefore(first.first)?.text
        let connector: Connector
        if token.isSymbol("-") {
            guard token.start == tokens[index - 1].end, tokens[index + 1].start == token.end else { return nil }
            connector = .dash
        } else if token.isSymbol("–") || token.isSymbol("—") {
            connector = .dash
        } else if token.isWord("to") {
            connector = before == "from" ? .fromTo : .to
        } else if token.isWord("and"), before == "between" {
            connector = .between
        } else {
            return nil
        }
        // "28-point plan": a hyphen before a word makes a compound, not a range.
        guard calendar.skip(at: index + 1) == nil, let second = quantity(at: index + 1) else { return nil }
        return (connector, second)
    }

    enum Connector {
        /// "10-15%", "10–15%"
        case dash
        /// "between 10 and 15"
        case between
        /// "from 10 to 15"
        case fromTo
        /// "10 to 15 per cent", but also "rose 8% to 16.5 billion": only the second end's unit may
        /// be shared, and only with a first end that has none.
        case to
    }

    /// The two ends of a range share what only one of them wrote: "10-15%", "$2-3 billion".
    private func joinRange(_ first: inout Quantity, _ second: inout Quantity, connector: Connector) {
        let firstHadUnit = first.unit != nil
        if first.unit == nil { first.unit = second.unit }
        if second.unit == nil, connector != .to, first.unit != "percent" || !second.hasMagnitude { second.unit = first.unit }
        if !first.hasMagnitude, second.hasMagnitude, first.written <= second.written, first.unit != "percent",
           connector != .to || !firstHadUnit {
            first.exponent = second.exponent
        }
    }
}
