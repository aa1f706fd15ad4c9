import FeedModel
import Foundation
import Testing

@Suite struct UTCFormatTests {
    @Test(arguments: [
        (1_795_000_000.0, "2026-11-18T11:06:40Z", "2026-11-18 11:06:40.000"),
        (1_795_000_000.987, "2026-11-18T11:06:40Z", "2026-11-18 11:06:40.987"),
        // 40.12299990654… as a Double: its milliseconds are the nearest, not the ones below.
        (1_795_000_000.123, "2026-11-18T11:06:40Z", "2026-11-18 11:06:40.123"),
        (1_795_000_000.9996, "2026-11-18T11:06:40Z", "2026-11-18 11:06:41.000"),
        (0, "1970-01-01T00:00:00Z", "1970-01-01 00:00:00.000"),
        (-0.5, "1969-12-31T23:59:59Z", "1969-12-31 23:59:59.500"),
        (-62_135_596_800, "0001-01-01T00:00:00Z", "0001-01-01 00:00:00.000"),
        (-1e300, "0001-01-01T00:00:00Z", "0001-01-01 00:00:00.000"),
        (1e300, "9999-12-31T23:59:59Z", "9999-12-31 23:59:59.000"),
        (.nan, "1970-01-01T00:00:00Z", "1970-01-01 00:00:00.000"),
    ])
    func formatsUTCWithFourDigitYears(seconds: Double, rfc3339: String, sql: String) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(Timestamp.string(date) == rfc3339)
        #expect(Timestamp.utc(date, separator: UInt8(ascii: " "), milliseconds: true, zulu: false) == sql)
        if seconds.isFinite, abs(seconds) < 1e10 { #expect(Timestamp.date(rfc3339)?.timeIntervalSince1970 == seconds.rounded(.down)) }
    }
}
