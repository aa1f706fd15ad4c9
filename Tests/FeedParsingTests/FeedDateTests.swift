import FeedModel
import FeedParsing
import Testing

@Suite struct FeedDateTests {
    @Test(arguments: [
        ("Sat, 21 Nov 2026 08:15:00 +0200", "2026-11-21T06:15:00Z"),
        ("21 Nov 2026 08:15:00 GMT", "2026-11-21T08:15:00Z"),
        ("Sat, 21 Nov 26 08:15 EST", "2026-11-21T13:15:00Z"),
        ("Sat, 21 Nov 2026 08:15:00 MSK", "2026-11-21T05:15:00Z"),
        ("Sat, 21 Nov 2026 08:15:00 GMT+0300", "2026-11-21T05:15:00Z"),
        ("Saturday, 21 November 2026 08:15:00 -05:00", "2026-11-21T13:15:00Z"),
        ("2026-11-21T08:15:00+02:00", "2026-11-21T06:15:00Z"),
        ("2026-11-21T06:15:00.250Z", "2026-11-21T06:15:00Z"),
        ("2026-11-21", "2026-11-21T00:00:00Z"),
        ("Sat, 21 Nov 2026 08:15:00 +0300 (MSK)", "2026-11-21T05:15:00Z"),
        ("Sat, 21 Nov 2026 08:15:00 GMT (Greenwich Mean Time)", "2026-11-21T08:15:00Z"),
        ("2026-11-21 08:15:00 +0300", "2026-11-21T05:15:00Z"),
        ("2026-11-21 08:15:00 -05:00", "2026-11-21T13:15:00Z"),
        ("2026-11-21 08:15 UTC", "2026-11-21T08:15:00Z"),
    ])
    func readsDateForms(text: String, expected: String) {
        #expect(FeedDate.parse(text).map(Timestamp.string) == expected)
    }

    @Test(arguments: [
        "", "yesterday", "32 Nov 2026 10:00:00 GMT", "Sat, 21 Nov 2026 08:15:00 XYZ", "(MSK)",
        "2026-11-21 08:15:00 XYZ", "2026-11-21 soon +0300",
    ])
    func rejectsNonsense(text: String) {
        #expect(FeedDate.parse(text) == nil)
    }
}
