/// Whether a sentence reports a figure as fact or as something else: a claim it denies, a plan
/// that was voted down, a proposal, a forecast. The raw values are what alerts, `figures
/// extract` and `figures history` print.
public enum FigureStatus: String, Sendable, Codable, CaseIterable {
    /// Stated as fact: "the toll rose to 85".
    case reported
    /// Stated on someone's word, and the sentence says whose: "85 died, the governor said".
    case attributed
    /// Reported only to be denied: "officials dismissed claims that 5,000 had died".
    case denied
    /// A proposal that was turned down: "a plan to cut it to 90, which parliament voted down".
    case rejected
    /// Put forward, not decided: "the ministry proposed raising the quota to 90".
    case proposed
    /// Expected, not yet so: "economists expect inflation to ease to about 6%".
    case forecast

    /// The statuses a tracker takes as the value unless told otherwise: what the sentence states,
    /// on its own word or a named source's.
    public static let acceptedByDefault: Set<FigureStatus> = [.reported, .attributed]
}
