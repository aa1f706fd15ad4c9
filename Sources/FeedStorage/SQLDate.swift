import FeedModel
import Foundation

/// Dates in GRDB's storage format (`yyyy-MM-dd HH:mm:ss.SSS`, UTC), written without a
/// DateFormatter: binding a `Date` formats it with one, which costs more than the insert.
enum SQLDate {
    static func string(_ date: Date?) -> String? {
        date.map { Timestamp.utc($0, separator: UInt8(ascii: " "), milliseconds: true, zulu: false) }
    }
}
