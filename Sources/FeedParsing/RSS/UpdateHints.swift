import FeedModel
/// How often a channel says it changes: RSS 2.0 `<ttl>` (minutes), else the Syndication module's
/// `sy:updatePeriod` and `sy:updateFrequency` (that many updates per period; the module's
/// defaults are daily and 1). Nonsense (zero, a sign, digits of other scripts, a number too large
/// to hold, an unknown period) gives no hint; the poller caps what is left.
struct UpdateHints {
    var ttlMinutes: String?
    var period: String?
    var frequency: String?

    /// Seconds between updates, or nil.
    var seconds: Int? { ttlSeconds ?? syndicationSeconds }

    private var ttlSeconds: Int? {
        guard let ttlMinutes, let minutes = asciiInteger(ttlMinutes), minutes > 0 else { return nil }
        let (seconds, overflow) = minutes.multipliedReportingOverflow(by: 60)
        return overflow ? nil : seconds
    }

    private var syndicationSeconds: Int? {
        guard period != nil || frequency != nil,
              let periodSeconds = Self.periods[(period ?? "daily").lowercased()]
        else { return nil }
        var updates = 1
        if let frequency {
            guard let value = asciiInteger(frequency), value > 0 else { return nil }
            updates = value
        }
        let seconds = periodSeconds / updates
        return seconds > 0 ? seconds : nil
    }

    private static let periods: [String: Int] = [
        "hourly": 3600, "daily": 86400, "weekly": 7 * 86400, "monthly": 30 * 86400, "yearly": 365 * 86400,
    ]
}
