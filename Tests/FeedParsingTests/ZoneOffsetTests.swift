@testable import FeedParsing
import Testing

/// Zones are read as bytes: the same offsets as reading them as Strings did (`reference`, the
/// reader as it was before).
@Suite struct ZoneOffsetTests {
    static let namedZones: [(String, Int)] = [
        ("CEST", 120), ("EEST", 180), ("AEST", 600), ("AEDT", 660), ("MSK", 180), ("MSD", 240), ("UTC", 0),
        ("GMT", 0), ("EST", -300), ("EDT", -240), ("CST", -360), ("CDT", -300), ("MST", -420), ("MDT", -360),
        ("PST", -480), ("PDT", -420), ("CET", 60), ("EET", 120), ("WET", 0), ("BST", 60), ("IST", 330),
        ("JST", 540), ("KST", 540), ("HKT", 480), ("UT", 0), ("Z", 0),
    ]

    func reference(_ token: String) -> Int? {
        var zone = token
        var base = 0
        if let lead = token.utf8.first, lead != UInt8(ascii: "+"), lead != UInt8(ascii: "-") {
            zone = token.uppercased()
            for (name, minutes) in Self.namedZones where zone.hasPrefix(name) {
                let rest = zone.dropFirst(name.count)
                if rest.isEmpty { return minutes * 60 }
                if rest.first == "+" || rest.first == "-" {
                    base = minutes * 60
                    zone = String(rest)
                    break
                }
            }
        }
        guard let sign = zone.first, sign == "+" || sign == "-" else { return nil }
        let digits = zone.utf8.dropFirst().filter { $0 != UInt8(ascii: ":") }
        guard (1...4).contains(digits.count), digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        let value = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        let (hours, minutes) = digits.count <= 2 ? (value, 0) : (value / 100, value % 100)
        let magnitude = hours * 3600 + minutes * 60
        return base + (sign == "+" ? magnitude : -magnitude)
    }

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

    @Test func readsEveryMixOfZonePartsAsStringsDid() {
        let parts = [
            "GMT", "gmt", "Est", "EEST", "eest", "UT", "UTC", "Z", "z", "+", "-", ":", "03", "0", "30", "0300", "12345", "x", " ", "X",
            "\u{131}", "\u{301}", "\u{0663}", "ß", "\u{FB06}",
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let token = (0..<Int.random(in: 0...4, using: &generator)).map { _ in
                parts[Int.random(in: parts.indices, using: &generator)]
            }.joined()
            #expect(FeedDate.zoneOffset(token) == reference(token), "\(token.debugDescription)")
        }
    }

    /// Beyond ASCII, Unicode's upper-casing still decides: a dotless ı is an I.
    @Test func zonesBeyondASCIIAreUpperCasedAsUnicodeSays() {
        #expect(FeedDate.zoneOffset("\u{131}st") == 19_800)
        #expect(FeedDate.zoneOffset("+\u{0663}") == nil)
    }
}
