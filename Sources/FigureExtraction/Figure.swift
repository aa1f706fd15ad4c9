import FeedModel

/// A number found in text, normalised so that trackers can compare it across outlets:
/// "1.2 million", "1,200,000" and "1.2m" are all 1,200,000.
public struct Figure: Sendable, Equatable {
    /// Always finite and at most `largestMagnitude` either side of zero: a larger number is not
    /// read as a figure.
    public var value: Double
    /// `count`, `percent`, or an ISO 4217 currency code such as `USD`.
    public var unit: String
    /// The words that carry the figure, as written ("$1.5 billion", "19 per cent").
    public var text: String
    /// A hedge written before the figure ("more than", "about", "up to"), lower-cased.
    @NullEncoded public var qualifier: String?
    /// The sentence it was found in.
    public var sentence: String
    /// Where `text` is, in Unicode scalars from the start of the input.
    public var start: Int
    public var end: Int
    /// Where `sentence` is, in Unicode scalars from the start of the input.
    public var sentenceRange: Range<Int>
    /// What the figure is in its sentence: a level, a change, an age... (see `FigureRole`).
    public var role: FigureRole = .level
    /// The words right after the figure that say what it counts ("Russian troops"), if any.
    public var noun: String?
    /// Where `noun` is, in Unicode scalars from the start of the input.
    public var nounRange: Range<Int>?
    /// For a level after change, the previous level the same sentence gives ("from 250 to 180": 250).
    public var statedPrevious: Double?
    /// Whether the sentence reports the figure, denies it, forecasts it... (see `FigureStatus`).
    public var status: FigureStatus = .reported
    /// For an attributed figure, who the sentence says it comes from ("the governor").
    public var attribution: String?

    public init(
        value: Double, unit: String, text: String, qualifier: String?, sentence: String, start: Int, end: Int,
        sentenceRange: Range<Int>
    ) {
        self.value = value
        self.unit = unit
        self.text = text
        self.qualifier = qualifier
        self.sentence = sentence
        self.start = start
        self.end = end
        self.sentenceRange = sentenceRange
    }

    /// 10^100, far past any quantity news reports (hyperinflation peaked near 10^29), and small
    /// enough that sums, differences and products of two figures are still finite.
    public static let largestMagnitude = 1e100
}

/// The shape of `feedwatch figures extract --json`; `qualifier` is always present (null when
/// none), and so are `role`, `noun` (null when the figure is followed by no counted words),
/// `status` and `attribution` (null unless the status is `attributed`).
extension Figure: Encodable {
    private enum CodingKeys: String, CodingKey { case value, unit, text, qualifier, sentence, start, end, role, noun, status, attribution }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(value, forKey: .value)
        try container.encode(unit, forKey: .unit)
        try container.encode(text, forKey: .text)
        try container.encode(qualifier, forKey: .qualifier)
        try container.encode(sentence, forKey: .sentence)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(role, forKey: .role)
        try container.encode(noun, forKey: .noun)
        try container.encode(status, forKey: .status)
        try container.encode(attribution, forKey: .attribution)
    }
}
