import FeedModel
import Foundation

extension FetchResponse {
    /// When the server asks to be contacted again (`Retry-After` as delay-seconds or an
    /// IMF-fixdate such as `Wed, 25 Nov 2026 08:00:00 GMT`); nil when it does not say, or says
    /// it in a form that is not HTTP's (a sign, digits of other scripts, more seconds than an
    /// `Int` holds). The date is as the server wrote it, however far: the scheduler bounds it.
    public func retryAfter(now: Date) -> Date? {
        guard let header = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if header.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return asciiInteger(header).map { now.addingTimeInterval(TimeInterval($0)) }
        }
        // Rare (a 429 or 503 that names a date), so a formatter per call costs nothing that matters.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: header)
    }
}
