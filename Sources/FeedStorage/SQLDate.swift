import FeedModel
import Foundation

/// Dates in GRDB's storage format (`yyyy-MM-dd HH:mm:ss.SSS`, UTC), written without a
/// DateFormatter: binding a `Date` formats it with one, which costs more than the insert.
enum SQLDate {
    static func string(_ date: Date?) -> String? {
        guard let date else { return nil }
        let milliseconds = Int64((Timestamp.representableSeconds(date) * 1000).rounded(.down))
        var seconds = time_t(milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000)
        let fraction = Int(milliseconds - Int64(seconds) * 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var bytes = [UInt8](repeating: 0, count: 23)
        func put(_ value: Int, at offset: Int, width: Int) {
            var value = value
            for position in stride(from: offset + width - 1, through: offset, by: -1) {
                bytes[position] = UInt8(0x30 + value % 10)
                value /= 10
            }
        }
        put(Int(parts.tm_year) + 1900, at: 0, width: 4)
        bytes[4] = 0x2D
        put(Int(parts.tm_mon) + 1, at: 5, width: 2)
        bytes[7] = 0x2D
        put(Int(parts.tm_mday), at: 8, width: 2)
        bytes[10] = 0x20
        put(Int(parts.tm_hour), at: 11, width: 2)
        bytes[13] = 0x3A
        put(Int(parts.tm_min), at: 14, width: 2)
        bytes[16] = 0x3A
        put(Int(parts.tm_sec), at: 17, width: 2)
        bytes[19] = 0x2E
        put(fraction, at: 20, width: 3)
        return String(decoding: bytes, as: UTF8.self)
    }
}
