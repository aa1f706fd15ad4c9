import FeedModel
import Foundation

extension FetchResponse {
    /// When the server asks to be contacted again (`Retry-After` as delay-seconds or an
    /// IMF-fixdate such as `Wed, 25 Nov 2026 08:00:00 GMT`); nil when it does not say, or says
    /// it in a form that is not HTTP's (a sign, digits of other scripts, more seconds than an
    /// `Int` holds, any other date form). The date is as the server wrote it, however far: the
    /// scheduler bounds it.
    public func retryAfter(now: Date) -> Date? {
        guard let header = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if header.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return asciiInteger(header).map { now.addingTimeInterval(TimeInterval($0)) }
        }
        return HTTPDate.parse(header)
    }
}

/// HTTP's IMF-fixdate (RFC 9110 §5.6.7), byte by byte: `Sun, 06 Nov 1994 08:49:37 GMT`. A
/// header is not handed to a locale-aware formatter, which has crashed on text no server sends.
enum HTTPDate {
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 29, bytes[3] == 0x2C, bytes[4] == 0x20, bytes[7] == 0x20, bytes[11] == 0x20,
              bytes[16] == 0x20, bytes[19] == 0x3A, bytes[22] == 0x3A, bytes[25] == 0x20,
              bytes[26...28].elementsEqual("GMT".utf8)
        else { return nil }
        func number(_ range: Range<Int>) -> Int? { asciiInteger(String(decoding: bytes[range], as: UTF8.self)) }
        let month = String(decoding: bytes[8..<11], as: UTF8.self)
        guard let day = number(5..<7), let monthIndex = months.firstIndex(of: month), let year = number(12..<16),
              let hour = number(17..<19), let minute = number(20..<22), let second = number(23..<25),
              let seconds = CivilTime.epochSeconds(
                year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second)
        else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
