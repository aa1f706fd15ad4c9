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

    /// Tokens that end a clause (see `clauseBoundary`).
    private let endsClause: [Bool]
    /// Where a saying verb or "according" is (see `source`).
    private let attributions: [Int]

    init(tokens: [Token]) {
        self.tokens = tokens
        var before: [FigureStatus?] = Array(repeating: nil, count: tokens.count)
        var after: [FigureStatus?] = Array(repeating: nil, count: tokens.count)
        var ends = Array(repeating: false, count: tokens.count)
        var attributions: [Int] = []
        for index in tokens.indices {
            let token = tokens[index]
            guard token.kind == .word else {
                ends[index] = token.isSymbol(";") || token.isSymbol(":") || token.isSymbol("—") || token.isSymbol("–")
                continue
            }
            // Most words are no cue: their classes tell, without a lookup.
            guard token.classes.contains(.claimCue), let cues = Self.cues[token.text] else { continue }
            ends[index] = cues.contains(.clause)
            if cues.contains(.attribution) { attributions.append(index) }
            before[index] = Self.cueBefore(cues, at: index, in: tokens)
            after[index] = Self.cueAfter(cues, at: index, in: tokens)
        }
        cuesBefore = before
        cuesAfter = after
        endsClause = ends
        self.attributions = attributions
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
        for index in attributions {
            let word = tokens[index].text
            if word == "according", index + 1 < tokens.count, tokens[index + 1].isWord("to") {
                if let words = words(from: index + 2, step: 1) { return words }
            } else if tokens[index].classes.contains(.sayingVerb) {
                // "the governor said", else "said Olena Kovalenko".
                if let words = words(from: index - 1, step: -1), !tokens[words.lowerBound].classes.contains(.pronoun) {
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

    /// What a word can be a cue of, so that each token is looked up once.
    private struct Cue: OptionSet {
        let rawValue: UInt32
        static let denial = Cue(rawValue: 1 << 0)
        static let rejection = Cue(rawValue: 1 << 1)
        static let forecast = Cue(rawValue: 1 << 2)
        static let proposal = Cue(rawValue: 1 << 3)
        /// "proposed", a proposal only before "to", "that" or an -ing word.
        static let proposedVerb = Cue(rawValue: 1 << 4)
        /// "plan", "seeks"...: a proposal before "to".
        static let intent = Cue(rawValue: 1 << 5)
        /// "called", "pushing"...: a proposal before "for".
        static let callFor = Cue(rawValue: 1 << 6)
        /// "likely", "set", "poised": a forecast before "to", but not after "was".
        static let likely = Cue(rawValue: 1 << 7)
        /// "will", "could": a forecast before a verb of change.
        static let modal = Cue(rawValue: 1 << 8)
        /// "voted": a rejection before "down".
        static let voted = Cue(rawValue: 1 << 9)
        static let denialAfter = Cue(rawValue: 1 << 10)
        static let rejectionAfter = Cue(rawValue: 1 << 11)
        /// "turned", "struck": a rejection after the figure, before "down".
        static let downVerb = Cue(rawValue: 1 << 12)
        static let clause = Cue(rawValue: 1 << 13)
        /// A saying verb, or "according" (to).
        static let attribution = Cue(rawValue: 1 << 14)
    }

    private static let cues: [String: Cue] = {
        var table: [String: Cue] = [:]
        func add(_ words: some Sequence<String>, _ cue: Cue) {
            for word in words { table[word, default: []].insert(cue) }
        }
        add(denials, .denial)
        add(rejections, .rejection)
        add(forecasts, .forecast)
        add(proposals, .proposal)
        add(["proposed"], .proposedVerb)
        add(["plan", "plans", "planned", "proposal", "seeks", "sought", "wants", "aims", "intends", "offered"], .intent)
        add(["called", "calls", "call", "pushed", "pushing"], .callFor)
        add(["likely", "set", "poised"], .likely)
        add(["will", "could"], .modal)
        add(["voted"], .voted)
        add(["denied", "dismissed", "refuted", "disputed", "false", "untrue", "baseless", "unfounded", "fabricated"], .denialAfter)
        add(["rejected", "vetoed", "blocked", "overturned"], .rejectionAfter)
        add(["turned", "struck"], .downVerb)
        add(clauseWords, .clause)
        add(sayingVerbs.union(["according"]), .attribution)
        return table
    }()

    /// The words of `cues`, for `WordTable`.
    static var cueWords: [String] { Array(cues.keys) }

    private static func text(at index: Int, in tokens: [Token]) -> String? {
        guard index >= 0, index < tokens.count, tokens[index].kind == .word else { return nil }
        return tokens[index].text
    }

    private static func cueBefore(_ cues: Cue, at index: Int, in tokens: [Token]) -> FigureStatus? {
        if cues.contains(.denial) { return .denied }
        if cues.contains(.rejection) || (cues.contains(.voted) && text(at: index + 1, in: tokens) == "down") { return .rejected }
        if cues.contains(.forecast) { return .forecast }
        if cues.contains(.proposal) { return .proposed }
        // "proposed to", "proposed that", "proposed raising"; not "the proposed army ceiling".
        if cues.contains(.proposedVerb), let next = text(at: index + 1, in: tokens),
           next == "to" || next == "that" || next.hasSuffix("ing") {
            return .proposed
        }
        // "a plan to", "plans to", "called for", "seeks to".
        if let next = text(at: index + 1, in: tokens) {
            if cues.contains(.intent), next == "to" { return .proposed }
            if cues.contains(.callFor), next == "for" { return .proposed }
            if cues.contains(.likely), next == "to", text(at: index - 1, in: tokens) != "was" { return .forecast }
            if cues.contains(.modal) { return Self.modalForecast(next) ? .forecast : nil }
        }
        return nil
    }

    /// A denial or rejection after the figure: "claims that 5,000 died were denied", "..., which
    /// parliament voted down".
    private static func cueAfter(_ cues: Cue, at index: Int, in tokens: [Token]) -> FigureStatus? {
        if cues.contains(.denialAfter) { return .denied }
        if cues.contains(.rejectionAfter) { return .rejected }
        if cues.contains(.voted) || cues.contains(.downVerb), text(at: index + 1, in: tokens) == "down" { return .rejected }
        return nil
    }

    private static func modalForecast(_ next: String) -> Bool {
        switch next {
        case "reach", "rise", "fall", "climb", "top", "exceed", "hit", "ease", "slow", "grow", "drop", "increase": true
        default: false
        }
    }

    /// Of two cues in one clause, the one that says most about whether the figure holds.
    private func stronger(_ a: FigureStatus?, _ b: FigureStatus?) -> FigureStatus? {
        guard let a else { return b }
        guard let b else { return a }
        return Self.strength(a) <= Self.strength(b) ? a : b
    }

    /// Denied first, then rejected, forecast, proposed, attributed, reported.
    private static func strength(_ status: FigureStatus) -> Int {
        switch status {
        case .denied: 0
        case .rejected: 1
        case .forecast: 2
        case .proposed: 3
        case .attributed: 4
        case .reported: 5
        }
    }

    // MARK: - Clauses and names

    /// The first token of the clause (step -1, from the token before the figure) or one past its
    /// last (step 1): clauses end at ";", ":", a dash, and at "but", "while", "whereas",
    /// "although", "however".
    private func clauseBoundary(from start: Int, step: Int) -> Int {
        var index = start
        while index >= 0, index < tokens.count {
            if endsClause[index] { return step < 0 ? index + 1 : index }
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
            guard token.kind == .word, !token.classes.contains(.sourceStop) else { break }
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
