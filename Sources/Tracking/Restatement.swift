import FigureExtraction

/// Whether a hedged or rounded figure only restates the value a tracker holds: "nearly 2,000
/// evacuated" after a precise 1,968 is the same figure rounded, not a move to 2,000. A figure
/// is taken as rounded when a hedge comes before it ("nearly", "about", "more than"...) or it is
/// written with a magnitude word ("1.2 million"); it restates the previous value when that value
/// is consistent with the hedge at the figure's precision (the largest power of ten dividing
/// it: 1,000 for 2,000; 100,000 for 1.2 million). A figure the sentence gives as the level after
/// a move ("rose to nearly 2,000") is never a restatement.
public enum Restatement {
    public static func restates(_ figure: Figure, previous: Double) -> Bool {
        guard figure.role != .levelAfterChange, previous.isFinite, figure.value.isFinite, figure.value > 0 else { return false }
        let hedge = figure.qualifier ?? (hasMagnitudeWord(figure.text) ? "about" : nil)
        guard let hedge else { return false }
        let step = precision(of: figure.value)
        guard step > 1 else { return false }
        let value = figure.value
        switch hedge {
        case "more than", "over", "at least", "exceeding":
            return previous >= value && previous - value < step
        case "nearly", "almost", "close to", "under", "fewer than", "less than", "up to", "at most", "as many as", "as high as":
            return previous <= value && value - previous < step
        default:
            return abs(previous - value) <= step / 2
        }
    }

    /// The largest power of ten dividing `value` (an integer below 10^15), or 1.
    static func precision(of value: Double) -> Double {
        guard value == value.rounded(), value < 1e15 else { return 1 }
        var step = 1.0
        while step < 1e15, (value / (step * 10)).rounded() * step * 10 == value { step *= 10 }
        return step
    }

    private static func hasMagnitudeWord(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.isAlphabetic }
            && ["thousand", "million", "billion", "trillion", "bn", "mn", "m", "k"].contains { word in
                text.lowercased().split(whereSeparator: { !$0.isLetter }).contains { $0 == word }
                    || text.lowercased().hasSuffix(word)
            }
    }
}
