import Foundation

extension FetchResponse {
    /// When the server asks to be contacted again (`Retry-After` as delay-seconds or an
    /// IMF-fixdate such as `Wed, 25 Nov 2026 08:00:00 GMT`); nil when it does not say.
    public func retryAfter(now: Date) -> Date? {
        guard let header = headers["retry-after"]?.trimmingCharacters(in: .whitespaces), !header.isEmpty else { return nil }
        if let seconds = Int(header), seconds >= 0 { return now.addingTimeInterval(TimeInterval(seconds)) }
        // Rare (a 429 or 503 that names a date), so a formatter per call costs nothing that matters.
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: header)
    }
}
