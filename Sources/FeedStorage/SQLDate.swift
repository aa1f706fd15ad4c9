import FeedModel
import Foundation
import GRDB

/// Dates in GRDB's storage format (`yyyy-MM-dd HH:mm:ss.SSS`, UTC), written without a
/// DateFormatter: binding a `Date` formats it with one, which costs more than the insert.
enum SQLDate {
    static func string(_ date: Date?) -> String? {
        date.map { Timestamp.utc($0, separator: UInt8(ascii: " "), milliseconds: true, zulu: false) }
    }

    /// A stored date read back without GRDB's decoding, which builds it from its components
    /// through Foundation's `Calendar`: 2% of a warm cycle's instructions for the feeds' dates,
    /// and the first use loads ICU's calendar and locale data into the process (about 2 MB
    /// resident, for nothing else). Text in the stored form (or any RFC 3339 form) is read by
    /// `Timestamp.date`; any other value, or text it does not read, is left to GRDB as before,
    /// which gives nil (or throws, for a date that may not be missing) where it cannot either.
    static func date(_ value: DatabaseValue) -> Date? {
        if case .string(let text) = value.storage, let date = Timestamp.date(text) { return date }
        return Date.fromDatabaseValue(value)
    }
}

extension Row {
    /// The date in `column` as `SQLDate.date` reads it; nil when it is NULL or unreadable.
    func storedDate(_ column: String) -> Date? {
        SQLDate.date(self[column])
    }
}
