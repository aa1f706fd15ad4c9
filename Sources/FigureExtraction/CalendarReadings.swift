/// Numbers that are not quantities: calendar years, dates, clock readings, ordinals, decades and
/// names such as "Article 5", "MH17" or "Su-25". Each returns the token index to resume at.
struct CalendarReadings {
    let tokens: [Token]

    /// If the number at `index` is not a quantity, where scanning resumes; nil if it may be one.
    func skip(at index: Int) -> Int? {
        let token = tokens[index]
        guard token.kind == .number else { return nil }
        if isTelephoneNumber(at: index) { return telephoneEnd(after: index) }
        if isName(at: index) { return after(index) }
        if let end = clockReading(at: index) { return end }
        if let end = numericDate(at: index) { return end }
        if let suffix = glued(after: index), suffix.kind == .word {
            if !suffix.classes.isDisjoint(with: [.ordinalSuffix, .clockWord]) {
                return index + 2
            }
        }
        if isDayOfMonth(at: index) { return dayRangeEnd(after: index) }
        if isYear(at: index) { return yearRangeEnd(after: index) }
        return nil
    }

    // MARK: - Names

    private func isName(at index: Int) -> Bool {
        let token = tokens[index]
        guard index > 0 else { return false }
        let previous = tokens[index - 1]
        // "MH17", "G7": letters glued to the digits.
        if previous.kind == .word, previous.end == token.start { return true }
        // "Su-25", "F-16", "COVID-19", "M-14": a capitalised word, a hyphen and digits, glued.
        if previous.isSymbol("-"), previous.end == token.start, index > 1, tokens[index - 2].kind == .word,
           tokens[index - 2].end == previous.start, tokens[index - 2].capitalized {
            return true
        }
        // A possessive ("the Central Bank's 2% target") precedes a quantity, never a name.
        if !token.grouped, !token.hasDecimal, previous.kind == .word, !isCalendarWord(previous),
           !previous.text.hasSuffix("'s"), !previous.text.hasSuffix("’s") {
            // "STOXX 600", "UPDATE 2": a word in capitals.
            if previous.allCaps, previous.text.utf8.count >= 2 { return true }
            // "S&P 500"
            if previous.capitalized, index > 1, tokens[index - 2].isSymbol("&"), tokens[index - 2].end == previous.start {
                return true
            }
            // "Nord Stream 2": a proper name of several capitalised words (not just a sentence's first word).
            if previous.capitalized, index > 2, tokens[index - 2].kind == .word, tokens[index - 2].capitalized,
               !isCalendarWord(tokens[index - 2]) {
                return true
            }
        }
        // "Article 5", "Resolution 2231", "No. 10".
        if let word = wordBefore(index), word.classes.contains(.identifierWord) {
            return word.text != "no" || word.capitalized || tokens[index - 1].isSymbol(".")
        }
        return false
    }

    /// Months and weekdays, after which a number is a date or a quantity, never a name.
    private func isCalendarWord(_ token: Token) -> Bool {
        token.isWord(in: [.month, .weekday, .currencyCode, .clockWord])
    }

    /// "+380 44 490 4000", "0 800 500 225": a leading plus or zero, then more digit groups.
    private func isTelephoneNumber(at index: Int) -> Bool {
        let token = tokens[index]
        if index > 0, tokens[index - 1].isSymbol("+"), tokens[index - 1].end == token.start { return true }
        guard token.text.hasPrefix("0"), !token.hasDecimal, index + 1 < tokens.count else { return false }
        let next = tokens[index + 1]
        return next.kind == .number && next.start == token.end + 1
    }

    private func telephoneEnd(after index: Int) -> Int {
        var end = index + 1
        while end < tokens.count, tokens[end].kind == .number, tokens[end].start <= tokens[end - 1].end + 1 { end += 1 }
        return end
    }

    /// "Dec. 18-19": the second day goes with the first.
    private func dayRangeEnd(after index: Int) -> Int {
        if let dash = glued(after: index), dash.isSymbol("-") || dash.isSymbol("–"),
           let second = glued(after: index + 1), second.integer.map({ (1...31).contains($0) }) == true {
            return index + 3
        }
        return index + 1
    }

    /// The word before `index`, looking past one abbreviation point ("No. 10", "Nov. 26").
    func wordBefore(_ index: Int) -> Token? {
        var previous = index - 1
        if previous >= 0, tokens[previous].isSymbol(".") { previous -= 1 }
        return previous >= 0 && tokens[previous].kind == .word ? tokens[previous] : nil
    }

    // MARK: - Clock readings

    private func clockReading(at index: Int) -> Int? {
        let token = tokens[index]
        // "08:19", "14:00:05", "08.30 GMT"
        if let colon = glued(after: index), colon.isSymbol(":"), let minutes = glued(after: index + 1),
           minutes.kind == .number {
            var end = index + 3
            while let more = glued(after: end - 1), more.isSymbol(":"), let seconds = glued(after: end),
                  seconds.kind == .number {
                end += 2
            }
            return skipMeridiem(from: end)
        }
        guard let value = token.integer, index + 1 < tokens.count else { return nil }
        let next = tokens[index + 1]
        // "5 pm", "5 p.m.", "11 a.m."
        if value <= 12, let end = meridiemEnd(from: index + 1) { return end }
        if next.isWord("o'clock") || next.isWord("o’clock") { return index + 2 }
        // "0600 GMT", "1430 hrs"
        if token.text.utf8.count == 4, value <= 2400, value % 100 < 60, next.isWord(in: .clockWord),
           next.text != "am", next.text != "pm" {
            return index + 2
        }
        return nil
    }

    private func skipMeridiem(from index: Int) -> Int {
        if let end = meridiemEnd(from: index) { return end }
        if index < tokens.count, tokens[index].isWord(in: .clockWord) {
            return index + 1
        }
        return index
    }

    /// After "am", "pm", "a.m." or "p.m." starting at `index`.
    private func meridiemEnd(from index: Int) -> Int? {
        guard index < tokens.count, tokens[index].kind == .word else { return nil }
        let word = tokens[index].text
        if word == "am" || word == "pm" { return index + 1 }
        if word == "a" || word == "p", index + 2 < tokens.count, tokens[index + 1].isSymbol("."),
           tokens[index + 2].isWord("m") {
            return index + 3 < tokens.count && tokens[index + 3].isSymbol(".") ? index + 4 : index + 3
        }
        return nil
    }

    // MARK: - Dates

    /// "26/11/2025", "11/26/25", "2025-11-26", "26.11.2025".
    private func numericDate(at index: Int) -> Int? {
        var end = index + 1
        var parts = 1
        let token = tokens[index]
        // After a decimal only ".", else "/", "-" or ".".
        while let separator = glued(after: end - 1), separator.kind == .symbol,
              separator.text == "." || (!token.hasDecimal && (separator.text == "/" || separator.text == "-")),
              let part = glued(after: end), part.kind == .number, !part.grouped {
            if separator.text == "-", parts == 1, !(token.isFourDigitInteger && part.text.utf8.count == 2) { break }
            if separator.text == ".", !token.hasDecimal { break }
            end += 2
            parts += 1
        }
        if token.hasDecimal, parts >= 2 { return end }
        if !token.hasDecimal, parts >= 2, token.text.utf8.count <= 4 { return end }
        return nil
    }

    private func isDayOfMonth(at index: Int) -> Bool {
        guard let day = tokens[index].integer, (1...31).contains(day) else { return false }
        if let word = wordBefore(index), isMonth(word) { return true }
        if index + 1 < tokens.count, isMonth(tokens[index + 1]) { return true }
        // "the 5th of May" is an ordinal already; "5 of May" is rare enough to leave.
        return false
    }

    private func isMonth(_ token: Token) -> Bool {
        guard token.isWord(in: .month) else { return false }
        return token.capitalized || !token.classes.contains(.ambiguousMonth)
    }

    // MARK: - Years

    private func isYear(at index: Int) -> Bool {
        let token = tokens[index]
        guard token.isFourDigitInteger, let value = token.integer, (1800...2100).contains(value) else { return false }
        // "more than 1500 troops", "2000%" and "2000 million" are quantities.
        if QualifierReader(tokens: tokens).qualifier(before: index) != nil { return false }
        if index + 1 < tokens.count {
            let next = tokens[index + 1]
            if next.isSymbol("%") || next.isWord(in: [.magnitudeWord, .percentWord]) || next.isWord("per") {
                return false
            }
        }
        return true
    }

    /// "2014-2015", "2022–23", "2014/15": the second year goes with the first.
    private func yearRangeEnd(after index: Int) -> Int {
        if let dash = glued(after: index), dash.isSymbol("-") || dash.isSymbol("–") || dash.isSymbol("/"),
           let second = glued(after: index + 1), second.kind == .number, !second.hasDecimal {
            return index + 3
        }
        return index + 1
    }

    // MARK: -

    /// The token right after `index` when nothing separates them.
    func glued(after index: Int) -> Token? {
        guard index + 1 < tokens.count, tokens[index + 1].start == tokens[index].end else { return nil }
        return tokens[index + 1]
    }

    private func after(_ index: Int) -> Int {
        if let suffix = glued(after: index), suffix.kind == .word { return index + 2 }
        return index + 1
    }
}
