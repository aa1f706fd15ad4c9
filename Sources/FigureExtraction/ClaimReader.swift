/// Reads each figure's `FigureStatus` and source from the words of its sentence: a denial, a
/// rejection, a proposal or a forecast in the figure's own clause (before it, or a denial or
/// rejection after it: "..., which parliament voted down"), and who the sentence attributes it
/// to ("according to the UN", "the governor said", "said Olena Kovalenko").
struct ClaimReader {
    struct Result {
        var status: FigureStatus
        /// Who the sentence says the figure comes from, as written ("the governor").
        var source: Range<Int>?
    }

    let tokens: [Token]
    /// Each token's cue as read before a figure, and as read after one: looked up once per
    /// sentence, however many figures it has.
    private let cuesBefore: [FigureStatus?]
    private let cuesAfter: [FigureStatus?]

    init(tokens: [Token]) {
        self.tokens = tokens
        var before: [FigureStatus?] = Array(repeating: nil, count: tokens.count)
        var after: [FigureStatus?] = Array(repeating: nil, count: tokens.count)
        for index in tokens.indices where tokens[index].kind == .word {
            before[index] = Self.cueBefore(at: index, in: tokens)
            after[index] = Self.cueAfter(at: index, in: tokens)
        }
        cuesBefore = before
        cuesAfter = after
    }

    /// The status of the figure whose tokens start at `first` (its qualifier included) and end
    /// before `next`; `source` is the sentence's attribution, read once for all its figures.
    func status(first: Int, next: Int, source: Range<Int>?) -> Result {
        let clauseStart = clauseBoundary(from: first - 1, step: -1)
        let clauseEnd = clauseBoundary(from: next, step: 1)
        var before: FigureStatus?
        for index in clauseStart..<first { before = stronger(before, cuesBefore[index]) }
        var after: FigureStatus?
        if next < clauseEnd {
            for index in next..<clauseEnd { after = stronger(after, cuesAfter[index]) }
        }
        var status = stronger(before, after) ?? .reported
        // A proposal turned down is rejected, not merely proposed.
        if before == .proposed, after == .rejected || after == .denied { status = .rejected }
        if status == .reported, source != nil { status = .attributed }
        return Result(status: status, source: status == .attributed ? source : nil)
    }

    /// Who the sentence attributes what it says to, if it names them.
    func source() -> Range<Int>? {
        for index in tokens.indices where tokens[index].kind == .word {
            let word = tokens[index].text
            if word == "according", index + 1 < tokens.count, tokens[index + 1].isWord("to") {
                if let words = words(from: index + 2, step: 1) { return words }
            } else if Self.sayingVerbs.contains(word) {
                // "the governor said", else "said Olena Kovalenko".
                if let words = words(from: index - 1, step: -1), !Self.pronouns.contains(tokens[words.lowerBound].text) {
                    return words
                }
                if index + 1 < tokens.count, tokens[index + 1].capitalized, let words = words(from: index + 1, step: 1) {
                    return words
                }
            }
        }
        return nil
    }

    // MARK: - Cues

    private static func cueBefore(at index: Int, in tokens: [Token]) -> FigureStatus? {
        func text(at index: Int) -> String? {
            guard index >= 0, index < tokens.count, tokens[index].kind == .word else { return nil }
            return tokens[index].text
        }
        let word = tokens[index].text
        if Self.denials.contains(word) { return .denied }
        if Self.rejections.contains(word) || (word == "voted" && text(at: index + 1) == "down") { return .rejected }
        if Self.forecasts.contains(word) { return .forecast }
        if Self.proposals.contains(word) { return .proposed }
        // "proposed to", "proposed that", "proposed raising"; not "the proposed army ceiling".
        if word == "proposed", let next = text(at: index + 1), next == "to" || next == "that" || next.hasSuffix("ing") {
            return .proposed
        }
        // "a plan to", "plans to", "called for", "seeks to".
        if let next = text(at: index + 1) {
            if ["plan", "plans", "planned", "proposal", "seeks", "sought", "wants", "aims", "intends", "offered"].contains(word),
               next == "to" {
                return .proposed
            }
            if ["called", "calls", "call", "pushed", "pushing"].contains(word), next == "for" { return .proposed }
            if ["likely", "set", "poised"].contains(word), next == "to", text(at: index - 1) != "was" {
                return .forecast
            }
            if word == "will" || word == "could" { return Self.modalForecast(next) ? .forecast : nil }
        }
        return nil
    }

    /// A denial or rejection after the figure: "claims that 5,000 died were denied", "..., which
    /// parliament voted down".
    private static func cueAfter(at index: Int, in tokens: [Token]) -> FigureStatus? {
        func text(at index: Int) -> String? {
            guard index >= 0, index < tokens.count, tokens[index].kind == .word else { return nil }
            return tokens[index].text
        }
        let word = tokens[index].text
        if ["denied", "dismissed", "refuted", "disputed", "false", "untrue", "baseless", "unfounded", "fabricated"].contains(word) {
            return .denied
        }
        if ["rejected", "vetoed", "blocked", "overturned"].contains(word) { return .rejected }
        if word == "voted", text(at: index + 1) == "down" { return .rejected }
        if (word == "turned" || word == "struck"), text(at: index + 1) == "down" { return .rejected }
        return nil
    }

    private static func modalForecast(_ next: String) -> Bool {
        ["reach", "rise", "fall", "climb", "top", "exceed", "hit", "ease", "slow", "grow", "drop", "increase"].contains(next)
    }

    /// Of two cues in one clause, the one that says most about whether the figure holds.
    private func stronger(_ a: FigureStatus?, _ b: FigureStatus?) -> FigureStatus? {
        guard let a else { return b }
        guard let b else { return a }
        let order: [FigureStatus] = [.denied, .rejected, .forecast, .proposed, .attributed, .reported]
        return (order.firstIndex(of: a) ?? 5) <= (order.firstIndex(of: b) ?? 5) ? a : b
    }

    // MARK: - Clauses and names

    /// The first token of the clause (step -1, from the token before the figure) or one past its
    /// last (step 1): clauses end at ";", ":", a dash, and at "but", "while", "whereas",
    /// "although", "however".
    private func clauseBoundary(from start: Int, step: Int) -> Int {
        var index = start
        while index >= 0, index < tokens.count {
            let token = tokens[index]
            if token.isSymbol(";") || token.isSymbol(":") || token.isSymbol("—") || token.isSymbol("–")
                || (token.kind == .word && Self.clauseWords.contains(token.text)) {
                return step < 0 ? index + 1 : index
            }
            index += step
        }
        return step < 0 ? 0 : tokens.count
    }

    /// Up to six words (across hyphens and apostrophes) from `start` in the direction of `step`, up to
    /// punctuation or a function word: a source's name.
    private func words(from start: Int, step: Int) -> Range<Int>? {
        var index = start
        var first: Int?
        var last: Int?
        var count = 0
        while index >= 0, index < tokens.count, count < 6 {
            let token = tokens[index]
            // "Ukraine's state-run agency"
            if (token.isSymbol("-") || token.isSymbol("'") || token.isSymbol("’")), count > 0 {
                index += step
                continue
            }
            guard token.kind == .word, !Self.sourceStops.contains(token.text) else { break }
            if first == nil { first = index }
            last = index
            count += 1
            index += step
        }
        guard let first, let last else { return nil }
        return min(first, last)..<(max(first, last) + 1)
    }


    // MARK: - Words

    static let denials: Set<String> = [
        "denied", "denies", "deny", "denying", "dismissed", "dismisses", "refuted", "refutes", "disputed", "disputes",
        "false", "untrue", "baseless", "unfounded", "fabricated", "rejecting",
    ]
    static let rejections: Set<String> = ["rejected", "rejects", "vetoed", "vetoes", "blocked", "overturned", "scrapped", "shelved"]
    static let forecasts: Set<String> = [
        "expect", "expects", "expected", "expecting", "forecast", "forecasts", "forecasting", "forecasted", "projected",
        "projects", "projecting", "predict", "predicts", "predicted", "predicting", "anticipate", "anticipates",
        "anticipated", "outlook",
    ]
    static let proposals: Set<String> = ["proposes", "proposing", "proposal", "proposals", "suggested", "urged", "urges", "demanded"]
    /// Verbs that name who says something. Not "estimates" or "claims", more often nouns
    /// ("Western estimates show") than verbs.
    static let sayingVerbs: Set<String> = [
        "said", "says", "told", "claimed", "stated", "announced", "reported", "estimated", "wrote",
    ]
    static let pronouns: Set<String> = ["he", "she", "it", "they", "we", "i", "you", "this", "that", "who", "which"]
    static let clauseWords: Set<String> = ["but", "while", "whereas", "although", "though", "however", "meanwhile"]
    /// Words a source's name does not run past.
    static let sourceStops: Set<String> = [
        "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "as", "that", "which", "who",
        "is", "are", "was", "were", "has", "have", "had", "will", "would", "after", "before", "than", "said",
        "says", "told", "claimed", "late", "earlier", "later", "today", "yesterday", "monday", "tuesday", "wednesday",
        "thursday", "friday", "saturday", "sunday", "its", "their", "his", "her", "also", "not",
    ]
}
