import FeedFetching
import Foundation
import Testing
import TestSupport

/// What a server sends back is the attacker's: no header may trap the fetcher.
@Suite struct HostileResponseTests {
    let now = Date(timeIntervalSince1970: 1_795_000_000)

    private func retryAfter(_ header: String) -> Date? {
        FetchResponse(status: 429, body: [], effectiveURL: "http://x", headers: ["retry-after": header]).retryAfter(now: now)
    }

    @Test(arguments: [
        "99999999999999999999", "9223372036854775808", "+120", "-0", "1e3", "12.5", "0x10", "120 s", "١٢٠", "१२०",
        "๑๒๐", "１２０", "¹²⁰", "½", "", " ",
    ])
    func delaysThatAreNotHTTPsAreUnread(header: String) {
        #expect(retryAfter(header) == nil)
    }

    @Test func aLongDelayIsReadAsWritten() {
        #expect(retryAfter("9223372036854775807").map { $0 > now } == true)
        #expect(retryAfter(" 0 ") == now)
        #expect(retryAfter("00120")?.timeIntervalSince(now) == 120)
    }

    /// A date far ahead, or in digits of other scripts, is a date or nothing; bounding it is the scheduler's job.
    @Test(arguments: [
        "Wed, 25 Nov 99999 08:00:00 GMT", "Wed, 25 Nov 0000 08:00:00 GMT", "Wed, 99 Nov 2026 08:00:00 GMT",
        "Wed, ٢٥ Nov ٢٠٢٦ 08:00:00 GMT", "Wed, 25 Nov 2026 ０８:00:00 GMT", "Wed, 25 Nov 2026 08:00:00 GMT+99999999999999999999",
    ])
    func oddDatesAreADateOrNothing(header: String) {
        if let date = retryAfter(header) { #expect(date.timeIntervalSince1970.isFinite) }
    }

    /// IMF-fixdate is read byte by byte; anything else (other date forms, other scripts, the
    /// inputs that crashed or leaked in Foundation's formatter) is no date.
    @Test func onlyIMFFixdateIsADate() {
        #expect(retryAfter("Wed, 25 Nov 2026 08:00:00 GMT") == Date(timeIntervalSince1970: 1_795_593_600))
        #expect(retryAfter("Wed, 21 Oct 2099 07:28:00 GMT") == Date(timeIntervalSince1970: 4_096_250_880))
        for header in [
            "Wednesday, 25-Nov-26 08:00:00 GMT", "Wed Nov 25 08:00:00 2026", "Wed, 25 Nov 2026 08:00:00 UTC",
            "Wed, 25 Xyz 2026 08:00:00 GMT", "Wed, 25 Nov 2026 25:00:00 GMT", "Wed, 31 Feb 20x6 08:00:00 GMT",
            String(decoding: [0x53, 0xD9, 0xB0, 0x31, 0x2D, 0x59, 0x55, 0xF0, 0x9D, 0x9F, 0x97], as: UTF8.self),
            "S\u{0670}1-YU\u{1D7D7}", "Wed, 25 Nov 2026 08:00:00 GMT\u{0301}",
        ] {
            #expect(retryAfter(header) == nil, "\(header)")
        }
    }

    /// A header line may start with "HTTP/" and carry any number of digits: it is not a status.
    @Test func aStatusLikeHeaderLineWithHugeDigitsIsHarmless() async throws {
        let server = try LoopbackHTTPServer { _ in
            HTTPResponse(headers: [("HTTP/1.1 99999999999999999999999 Trap", "x"), ("ETag", "\"v2\"")], text: "<rss/>")
        }
        let response = try await FeedFetcher().fetch(FetchRequest(url: server.url("/f")))
        #expect(response.status == 200)
        #expect(response.body == Array("<rss/>".utf8))
    }
}
