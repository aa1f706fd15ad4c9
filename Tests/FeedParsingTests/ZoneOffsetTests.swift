@testable import FeedParsing
import Testing

/// Zones are read as bytes when they are ASCII: the same offsets as reading them as Strings.
@Suite struct ZoneOffsetTests {
    @Test(arguments: [
        ("+0000", 0), ("-05:00", -18_000), ("+3", 10_800), ("+03", 10_800), ("+0530", 19_800), ("GMT", 0), ("gmt", 0),
        ("Est", -18_000), ("EEST", 10_800), ("GMT+0300", 10_800), ("utc-3", -10_800), ("UT", 0), ("z", 0), ("MSK+1", 14_400),
    ])
    func readsZones(token: String, seconds: Int) {
        #expect(FeedDate.zoneOffset(token) == seconds)
    }

    @Test(arguments: ["", "+", "-", "+12345", "+0x00", "GMT+", "GMTX", "XYZ", "+03:00:00", "UTC 3", "ESTX+1"])
    func refusesWhatIsNoZone(token: String) {
        #expect(FeedDate.zoneOffset(token) == nil)
    }

    @Test func bytesAndStringsAgreeOnEveryMixOfZoneParts() {
        let parts = ["GMT", "gmt", "Est", "EEST", "eest", "UT", "UTC", "Z", "z", "+", "-", ":", "03", "0", "30", "0300", "12345", "x", " ", "X"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let token = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                parts[Int.random(in: parts.indices, using: &generator)]
            }.joined()
            #expect(FeedDate.zoneOffset(token) == FeedDate.zoneOffset(unicode: token), "\(token)")
        }
    }

    /// Beyond ASCII, Unicode's upper-casing still decides: a dotless ı is an I.
    @Test func zonesBeyondASCIIAreUpperCasedAsUnicodeSays() {
        #expect(FeedDate.zoneOffset("\u{131}st") == 19_800)
        #expect(FeedDate.zoneOffset("+\u{0663}") == nil)
    }
}
