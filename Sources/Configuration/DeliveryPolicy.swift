import Foundation

/// When a sink sends, besides as soon as it can: gathered into digests, at most so many messages
/// an hour, not during quiet hours. Whatever the policy, no alert is dropped: it waits and goes
/// out in a later message.
public struct DeliveryPolicy: Sendable, Equatable {
    /// `digest`: alerts are gathered and sent as one message, this long after the first of them was queued.
    public var digest: Duration?
    /// `max_per_hour`: at most this many messages in any hour (a digest counts as one).
    public var maxPerHour: Int?
    public var quietHours: QuietHours?

    public init(digest: Duration? = nil, maxPerHour: Int? = nil, quietHours: QuietHours? = nil) {
        self.digest = digest
        self.maxPerHour = maxPerHour
        self.quietHours = quietHours
    }

    /// Every alert is sent on its own, as soon as possible.
    public var isImmediate: Bool { digest == nil && maxPerHour == nil && quietHours == nil }
}

/// A daily stretch of wall-clock time without messages, such as 22:00 to 07:00 in a time zone.
public struct QuietHours: Sendable, Equatable {
    /// Minutes after midnight; `start` after `end` spans midnight.
    public var start: Int
    public var end: Int
    public var timeZone: TimeZone

    public init(start: Int, end: Int, timeZone: TimeZone) {
        self.start = start
        self.end = end
        self.timeZone = timeZone
    }

    /// `"22:00-07:00"`: two times of day in ASCII digits, not equal; nil for anything else.
    public init?(_ text: String, timeZone: TimeZone) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let start = Self.minutes(parts[0]), let end = Self.minutes(parts[1]), start != end else { return nil }
        self.init(start: start, end: end, timeZone: timeZone)
    }

    private static func minutes(_ text: Substring) -> Int? {
        let clock = text.trimmingCharacters(in: .whitespaces)
        let fields = clock.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2, fields[0].count == 2, fields[1].count == 2,
              fields.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let hours = Int(fields[0]), let minutes = Int(fields[1]), hours < 24, minutes < 60
        else { return nil }
        return hours * 60 + minutes
    }

    public func contains(_ date: Date) -> Bool {
        let minute = minuteOfDay(date)
        return start < end ? (start..<end).contains(minute) : (minute >= start || minute < end)
    }

    /// The end of the quiet stretch `date` is in (the first moment after it that is not quiet).
    public func end(after date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(hour: end / 60, minute: end % 60, second: 0)
        return calendar.nextDate(after: date, matching: components, matchingPolicy: .nextTime) ?? date.addingTimeInterval(60)
    }

    /// The most recent end of a quiet stretch at or before `date`.
    public func lastEnd(atOrBefore date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(hour: end / 60, minute: end % 60, second: 0)
        return calendar.nextDate(after: date.addingTimeInterval(1), matching: components, matchingPolicy: .nextTime, direction: .backward)
            ?? date.addingTimeInterval(-86400)
    }

    private func minuteOfDay(_ date: Date) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }
}
