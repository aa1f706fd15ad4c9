/// One figure as read from tokens, before it is turned into a `Figure`.
struct Quantity {
    /// First and one-past-last token of the written figure (currency sign to percent word).
    var first: Int
    var next: Int
    /// Digits with a decimal point (from digits), or nil when written in words.
    var digits: String?
    /// The value of number words ("twenty-five", "half a million").
    var wordValue: Double?
    /// Power of ten from a magnitude word or suffix ("million", "bn", "k").
    var exponent = 0
    var negative = false
    /// `percent` or a currency code; nil for a plain count.
    var unit: String?

    var hasMagnitude: Bool { exponent != 0 }

    /// The value before any magnitude, for comparing the two ends of a range.
    var written: Double { wordValue ?? digits.flatMap(Double.init) ?? 0 }

    var value: Double {
        let magnitude: Double
        if let digits {
            // Decimal text and exponent are parsed together so "1.1 million" is exactly 1,100,000
            // (most figures have no magnitude: their digits alone are the same text to parse).
            magnitude = (exponent == 0 ? Double(digits) : Double("\(digits)e\(exponent)")) ?? 0
        } else {
            magnitude = (wordValue ?? 0) * pow10(exponent)
        }
        return negative ? -magnitude : magnitude
    }

    private func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<exponent { result *= 10 }
        return result
    }
}
