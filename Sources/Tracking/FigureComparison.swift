import FeedModel
import FigureExtraction

/// What a figure tracker makes of a new reading, given the value it last reported.
public enum FigureVerdict: Sendable, Equatable {
    case firstSeen
    case changed(delta: Double, ratio: Double?)
    /// The same value again: nothing to say.
    case unchanged
    /// A change the rule does not report (too small, or the wrong direction), or a reading whose
    /// status the rule does not accept (denied, forecast...).
    case filtered
    /// The held value restated, hedged or rounded ("nearly 2,000" after 1,968): no change.
    case restated
    /// A new value fewer outlets than the rule's `minSources` have reported yet.
    case awaitingSources

    /// The alert this verdict raises, if any.
    public var alertKind: AlertKind? {
        switch self {
        case .firstSeen: .figureFirstSeen
        case .changed: .figureChanged
        case .unchanged, .filtered, .restated, .awaitingSources: nil
        }
    }
}

extension FigureRule {
    /// Whether a reading of this status (`FigureStatus`'s raw value; nil for readings stored
    /// before statuses were read) may move the tracker.
    public func accepts(status: String?) -> Bool {
        guard let status, let known = FigureStatus(rawValue: status) else { return true }
        return FigureStatus.acceptedByDefault.contains(known) || accept.contains(status)
    }
}

public enum FigureComparison {
    /// Compares against the last *reported* value, so a figure creeping up in steps below
    /// `minChangePercent` still raises once the steps add up.
    public static func verdict(previous: Double?, current: Double, rule: FigureRule) -> FigureVerdict {
        // Non-finite values never reach here from the extractor; if one did, it must not become
        // an alert that cannot be encoded (and so cannot be stored).
        guard current.isFinite else { return .filtered }
        guard let previous else { return .firstSeen }
        let delta = current - previous
        guard previous.isFinite, delta.isFinite else { return .filtered }
        if abs(delta) <= 1e-9 * max(abs(previous), 1) { return .unchanged }
        switch rule.direction {
        case .up where delta < 0, .down where delta > 0: return .filtered
        default: break
        }
        let ratio = previous == 0 ? nil : (delta / abs(previous)).finiteOrNil
        if let minimum = rule.minChangePercent, minimum > 0 {
            guard let ratio, abs(ratio) * 100 >= minimum else { return .filtered }
        }
        return .changed(delta: delta, ratio: ratio.map { (($0 * 10_000).rounded() / 10_000).finiteOrNil ?? $0 })
    }
}

extension Double {
    fileprivate var finiteOrNil: Double? { isFinite ? self : nil }
}
