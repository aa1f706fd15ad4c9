/// Reads each figure's role in its sentence (`FigureRole`) and the words it counts, from the
/// tokens around it: the verbs and prepositions before it ("rose ... to", "from", "by"), the
/// words after it ("-year-old", "of the 1,200", "points"), and how the grammar joined it to a
/// neighbour ("from X to Y"). Only looks at a few tokens per figure, within its sentence.
struct RoleReader {
    /// One figure's reading.
    struct Result {
        var role: FigureRole
        /// The tokens of the words the figure counts ("troops" in "800,000 Russian troops").
        var noun: Range<Int>?
        /// For a level after change, the reading whose figure the sentence gives as the previous level.
        var statedPrevious: Int?
    }

    let tokens: [Token]
    let readings: [FigureGrammar.Reading]

    func read() -> [Result] {
        var results: [Result] = []
        results.reserveCapacity(readings.count)
        for index in readings.indices {
            let role = role(of: index, earlier: results)
            let noun = role == .age || role == .rank ? nil : nounTokens(after: readings[index].quantity.next)
            var result = Result(role: role, noun: noun)
            if role == .levelAfterChange {
                result.statedPrevious = results.indices.last { results[$0].role == .previousLevel }
            }
            results.append(result)
        }
        return results
    }

    // MARK: - Roles

    private func role(of index: Int, earlier: [Result]) -> FigureRole {
        let reading = readings[index]
        let quantity = reading.quantity
        let start = reading.qualifierStart
        let before = word(at: start - 1)
        let beforeThat = word(at: start - 2)
        let after = word(at: quantity.next)

        if isAge(reading, before: before, beforeThat: beforeThat) { return .age }
        if isMagnitudeOrScore(quantity, before: before, beforeThat: beforeThat) { return .magnitudeOrScore }
        if before == "top" || before == "ranked" || before == "ranks",
           quantity.unit == nil { return .rank }
        if let before, Self.isPossessiveOrThe(before), let after, Self.isSuperlative(after) { return .rank }

        if let range = reading.range, range.connector == .fromTo {
            return range.isFirst ? .previousLevel : .levelAfterChange
        }
        if isPart(quantity) || isPartAfterOpeningWhole(index) { return .part }
        if before == "including" || before == "includes" || (before == "which" && beforeThat == "of") { return .part }
        if isTotal(index) { return .total }

        let changeBefore = changeVerb(before: start)
        switch before {
        case "to" where changeBefore || earlier.last?.role == .previousLevel: return .levelAfterChange
        case "from" where changeBefore || beforeThat == "down" || beforeThat == "up" || laterFigure(after: index, follows: "to"):
            return .previousLevel
        case "by" where changeBefore: return .change
        case "up", "down", "another", "additional", "further", "extra": return .change
        case "of" where isWord(at: start - 2, in: .changeNoun): return .change
        default: break
        }
        if after != nil,
           isWord(at: quantity.next, in: .comparative) || isWord(at: wordAfterUnitWords(quantity.next), in: .changeNoun) {
            return .change
        }
        if isWord(at: start - 1, in: .changeVerb) {
            // "gained 41 points to 4,512", "rose 5%": the size of the move. "added 250,000 jobs",
            // with no level after it, counts what was added.
            if quantity.unit == "percent" || isWord(at: quantity.next, in: .pointWord) || laterFigure(after: index, follows: "to") {
                return .change
            }
        }
        // "gained 41 points, or 0.9%": the same move in other units.
        if before == "or", index > 0, earlier[index - 1].role == .change, start - readings[index - 1].quantity.next <= 3 {
            return .change
        }
        return .level
    }

    private func isAge(_ reading: FigureGrammar.Reading, before: String?, beforeThat: String?) -> Bool {
        let quantity = reading.quantity
        guard quantity.unit == nil, !quantity.hasMagnitude else { return false }
        if before == "aged" || (before == "of" && beforeThat == "age") { return true }
        // "54-year-old", "54 years old"
        var index = quantity.next
        if index < tokens.count, tokens[index].isSymbol("-") { index += 1 }
        if let unit = word(at: index), unit == "year" || unit == "years" {
            index += 1
            if index < tokens.count, tokens[index].isSymbol("-") { index += 1 }
            if word(at: index) == "old" { return true }
        }
        // "Olena Kovalenko, 54, said": a name, then the age between commas.
        let start = reading.qualifierStart
        if start >= 2, tokens[start - 1].isSymbol(","), tokens[start - 2].kind == .word, tokens[start - 2].capitalized,
           quantity.next < tokens.count, tokens[quantity.next].isSymbol(","), quantity.written >= 1, quantity.written < 120,
           quantity.written == quantity.written.rounded(), reading.range == nil {
            return true
        }
        return false
    }

    private func isMagnitudeOrScore(_ quantity: Quantity, before: String?, beforeThat: String?) -> Bool {
        guard quantity.unit == nil else { return false }
        switch before ?? "" {
        case "magnitude", "richter", "scored", "rated", "rating", "score": return true
        default: break
        }
        if before == "of", beforeThat == "magnitude" || beforeThat == "score" { return true }
        var index = quantity.next
        if index < tokens.count, tokens[index].isSymbol("-") { index += 1 }
        return word(at: index) == "magnitude" || (word(at: index) == "on" && word(at: index + 2) == "richter")
    }

    /// "300 of the 1,200", "3 out of 4": a figure, then "of" and the figure of its whole.
    private func isPart(_ quantity: Quantity) -> Bool {
        wholeFigure(after: quantity.next) != nil
    }

    private func isTotal(_ index: Int) -> Bool {
        if opensWithWhole(index) { return true }
        guard index > 0 else { return false }
        return wholeFigure(after: readings[index - 1].quantity.next) == readings[index].qualifierStart
    }

    /// "Of the 1,200 troops in the mission, 300 are from Poland": a sentence that opens with its
    /// whole, then gives the part.
    private func opensWithWhole(_ index: Int) -> Bool {
        let start = readings[index].qualifierStart
        return (start == 1 && word(at: 0) == "of") || (start == 2 && word(at: 0) == "of" && word(at: 1) == "the")
    }

    private func isPartAfterOpeningWhole(_ index: Int) -> Bool {
        index > 0 && opensWithWhole(0) && readings[index].range == nil
    }

    /// The token where the figure of a whole starts after "of (the)" or "out of" at `index`.
    private func wholeFigure(after index: Int) -> Int? {
        var next = index
        if word(at: next) == "out" { next += 1 }
        guard word(at: next) == "of" else { return nil }
        next += 1
        if let determiner = word(at: next), Self.isPossessiveOrThe(determiner) || determiner == "a" || determiner == "an" || determiner == "all" {
            next += 1
        }
        // "of the bloc's €20 billion"
        if let owner = word(at: next), owner.hasSuffix("'s") || owner.hasSuffix("’s") { next += 1 }
        guard next < tokens.count else { return nil }
        return readings.contains { $0.qualifierStart == next || $0.quantity.first == next } ? next : nil
    }

    /// A verb of movement in the clause before `start` ("the cap was *lowered* from 250 to 180").
    private func changeVerb(before start: Int) -> Bool {
        var index = start - 1
        var words = 0
        while index >= 0, words < 12 {
            let token = tokens[index]
            if token.isSymbol(";") || token.isSymbol(":") { return false }
            if token.kind == .word {
                if token.classes.contains(.changeVerb) { return true }
                words += 1
            }
            index -= 1
        }
        return false
    }

    /// Whether a later figure of the sentence comes right after `word` ("from 250 *to* 180").
    private func laterFigure(after index: Int, follows word: String) -> Bool {
        readings[(index + 1)...].contains { self.word(at: $0.qualifierStart - 1) == word }
    }

    /// Where the first token after a figure's unit words ("-point", "percent") is, for "a
    /// 41-point *gain*".
    private func wordAfterUnitWords(_ index: Int) -> Int {
        var next = index
        if next < tokens.count, tokens[next].isSymbol("-") { next += 1 }
        if isWord(at: next, in: .pointWord) || word(at: next) == "percent" { next += 1 }
        return next
    }

    // MARK: - The counted noun

    /// The words right after a figure that say what it counts: up to four, up to a function word
    /// or punctuation (a hyphen joins words: "rocket-launching systems").
    private func nounTokens(after start: Int) -> Range<Int>? {
        var index = start
        var last: Int?
        var words = 0
        while index < tokens.count, words < 4 {
            let token = tokens[index]
            if token.isSymbol("-"), last != nil, index + 1 < tokens.count, tokens[index + 1].kind == .word {
                index += 1
                continue
            }
            guard token.kind == .word, !token.classes.contains(.functionWord) else { break }
            last = index
            words += 1
            index += 1
        }
        return last.map { start..<($0 + 1) }
    }

    private func word(at index: Int) -> String? {
        guard index >= 0, index < tokens.count, tokens[index].kind == .word else { return nil }
        return tokens[index].text
    }

    /// Whether the token at `index` is a word of one of the lists of `classes`.
    private func isWord(at index: Int, in classes: WordClasses) -> Bool {
        index >= 0 && index < tokens.count && tokens[index].isWord(in: classes)
    }

    private static func isPossessiveOrThe(_ word: String) -> Bool {
        word == "the" || word == "its" || word == "their"
    }

    private static func isSuperlative(_ word: String) -> Bool {
        (word.utf8.count >= 6 && word.hasSuffix("est")) || word == "most" || word == "least" || word == "worst" || word == "best"
    }

    // MARK: - Words

    /// Verbs of movement, as wire copy writes them.
    static let changeVerbs: Set<String> = [
        "rise", "rises", "rose", "risen", "rising", "fall", "falls", "fell", "fallen", "falling", "gain", "gains", "gained",
        "lose", "loses", "lost", "drop", "drops", "dropped", "climb", "climbs", "climbed", "jump", "jumps", "jumped",
        "slip", "slips", "slipped", "decline", "declines", "declined", "increase", "increases", "increased", "decrease",
        "decreases", "decreased", "grow", "grows", "grew", "grown", "shrink", "shrinks", "shrank", "shrunk", "cut",
        "cuts", "add", "adds", "added", "shed", "sheds", "slide", "slides", "slid", "tumble", "tumbled", "surge",
        "surged", "soar", "soared", "plunge", "plunged", "ease", "eased", "edge", "edged", "advance", "advanced",
        "retreat", "retreated", "raise", "raises", "raised", "lower", "lowers", "lowered", "reduce", "reduces",
        "reduced", "boost", "boosted", "lift", "lifted", "hike", "hiked", "slash", "slashed", "trim", "trimmed",
        "double", "doubled", "halve", "halved", "widen", "widened", "narrow", "narrowed", "revise", "revised",
        "expand", "expanded", "swell", "swelled", "mount", "mounted", "sink", "sank", "dip", "dipped",
        "rebound", "rebounded", "recover", "recovered", "spike", "spiked", "shrinking", "increasing", "decreasing",
    ]
    /// Nouns of movement: "an increase of 5%", "a 41-point gain". Not "growth": growth of 2.1%
    /// is the level of a growth rate.
    static let changeNouns: Set<String> = [
        "increase", "rise", "drop", "fall", "gain", "loss", "decline", "jump", "cut", "reduction", "decrease", "hike",
        "climb", "surge", "slide", "plunge", "boost", "dip", "uptick", "downturn", "swing",
    ]
    static let comparatives: Set<String> = ["more", "fewer", "higher", "lower", "less", "up", "down"]
    static let pointWords: Set<String> = ["point", "points", "pts", "bps", "basis"]
    /// Words that end what a figure counts.
    static let functionWords: Set<String> = [
        "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "but", "as", "than",
        "that", "which", "who", "whom", "whose", "this", "these", "those", "is", "are", "was", "were", "be", "been",
        "being", "has", "have", "had", "will", "would", "could", "should", "may", "might", "can", "did", "do", "does",
        "said", "says", "say", "according", "after", "before", "since", "over", "under", "into", "onto", "per", "each",
        "its", "their", "his", "her", "our", "your", "it", "they", "he", "she", "we", "you", "while", "whereas", "if",
        "when", "where", "not", "no", "so", "also", "more", "fewer", "less", "higher", "lower", "up", "down", "last",
        "next", "year", "years", "ago", "now", "then", "already", "only", "just", "about", "around",
    ]
}
