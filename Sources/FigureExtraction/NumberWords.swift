/// Cardinal numbers written in words: "twenty-five", "two hundred", "three million",
/// "half a million". "one", "a" and "an" alone are not figures ("one of the", "a day").
enum NumberWords {
    static let units: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    static let scales: [String: Double] = ["thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12]

    struct Reading {
        var value: Double
        /// Index of the first token after the number words.
        var next: Int
    }

    static func starts(_ token: Token) -> Bool {
        token.isWord(in: .numberStarter)
    }

    static let starters = Set(units.keys).union(tens.keys).union(["a", "an", "half"])

    static func read(_ tokens: [Token], at start: Int) -> Reading? {
        var index = start
        var total = 0.0
        var current = 0.0
        var sawNumberWord = false
        var sawMultiplier = false
        var lastWasTens = false
        var pendingHalf = false
        func word(_ offset: Int) -> Token? {
            index + offset < tokens.count && tokens[index + offset].kind == .word ? tokens[index + offset] : nil
        }
        while index < tokens.count {
            let token = tokens[index]
            guard token.kind == .word || (token.isSymbol("-") && lastWasTens) else { break }
            if token.isSymbol("-") {
                // "twenty-five": only a unit may follow the hyphen, glued on both sides.
                guard let next = word(1), units[next.text].map({ $0 < 10 }) == true,
                      token.start == tokens[index - 1].end, next.start == token.end
                else { break }
                index += 1
                continue
            }
            let text = token.text
            if let unit = units[text] {
                guard current.truncatingRemainder(dividingBy: 100) == 0 || (lastWasTens && unit < 10) else { break }
                current += Double(unit)
                sawNumberWord = true
                lastWasTens = false
            } else if let ten = tens[text] {
                guard current.truncatingRemainder(dividingBy: 100) == 0 else { break }
                current += Double(ten)
                sawNumberWord = true
                lastWasTens = true
            } else if text == "hundred", sawNumberWord || current > 0 {
                current = max(current, 1) * 100
                sawMultiplier = true
                lastWasTens = false
            } else if let scale = scales[text], sawNumberWord || current > 0 || pendingHalf {
                total += (pendingHalf ? 0.5 : max(current, 1)) * scale
                current = 0
                pendingHalf = false
                sawMultiplier = true
                lastWasTens = false
            } else if text == "a" || text == "an" {
                // "a million", "half a million", "a hundred": only before a scale word.
                guard let next = word(1), next.text == "hundred" || scales[next.text] != nil,
                      !sawNumberWord || pendingHalf
                else { break }
                if !pendingHalf { current = 1 }
                sawNumberWord = true
            } else if text == "half", index == start {
                guard let next = word(1), next.text == "a" || next.text == "an" else { break }
                pendingHalf = true
            } else if text == "and", sawMultiplier, let next = word(1),
                      units[next.text] != nil || tens[next.text] != nil {
                // "two hundred and fifty"
            } else {
                break
            }
            index += 1
        }
        let value = total + current
        guard value > 0, !pendingHalf else { return nil }
        // "one" alone (or "a" alone) is too often not a quantity ("one of the", "one day").
        if !sawMultiplier, value == 1 { return nil }
        // Trailing "and" is not part of the number.
        var next = index
        while next > start, tokens[next - 1].isWord("and") || tokens[next - 1].isSymbol("-") { next -= 1 }
        return Reading(value: value, next: next)
    }
}
