/// What a figure is in its sentence, read from the words around it: the level a quantity stands
/// at, or something else a tracker must not take for it. The raw values are what alerts and
/// `figures extract` print, so that a choice can be explained in words.
public enum FigureRole: String, Sendable, Codable, CaseIterable {
    /// The quantity's value: "800,000 troops", "the toll reached 85".
    case level
    /// The value after a move the sentence reports: "fell 3 points *to 58%*", "from 250 *to 180*".
    case levelAfterChange = "level after change"
    /// The value before that move: "lowered *from 250* to 180", "down *from 880,000*".
    case previousLevel = "previous level"
    /// The size of a move: "gained *41 points*", "*by 3%*", "an increase of *5%*", "*another 5,000*".
    case change
    /// The whole that a part is given beside: "300 of *the 1,200* troops".
    case total
    /// A part given beside its whole: "*300* of the 1,200", "including *300*".
    case part = "part of a total"
    /// A person's age: "the 54-year-old minister", "aged 54", "Smith, 54, said".
    case age
    /// An earthquake's magnitude, a score or a rating: "magnitude 6.1", "a 6.1-magnitude quake".
    case magnitudeOrScore = "magnitude or score"
    /// A position in a list: "top 10", "the 10 largest".
    case rank

    /// Whether a tracker may read a figure in this role as the value of what it counts.
    public var isLevel: Bool {
        switch self {
        case .level, .levelAfterChange, .total, .part: true
        case .previousLevel, .change, .age, .magnitudeOrScore, .rank: false
        }
    }
}
