import Configuration
import Testing

/// Durations and sizes typed in the configuration or on the command line: ASCII digits, checked
/// arithmetic, at most 100 years.
@Suite struct DurationTextTests {
    @Test(arguments: [
        ("90s", 90), ("10m", 600), ("2h", 7200), ("1d", 86400), ("1w", 604_800), ("1h30m", 5400), ("45", 45),
        (" 2H ", 7200), ("0", 0), ("1d2h3m4s", 93784), ("3155760000", 3_155_760_000), ("36525d", 3_155_760_000),
    ])
    func readsTheForms(text: String, seconds: Int) {
        #expect(DurationText.parse(text) == .seconds(seconds))
    }

    @Test(arguments: [
        "9999999999999999h", "99999999999999999999", "99999999999999999999s", "9223372036854775807",
        "9223372036854775807w", "5000000000000000000s5000000000000000000s", "3155760001", "36526d",
        "5000w300w", "5218w", "1d" + String(repeating: "9", count: 40) + "s",
    ])
    func longerThanAHundredYearsOrPastAnIntIsNil(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test(arguments: [
        "", "s", "h1", "1h30", "1x", "-5", "+5", "-5m", "1.5h", "1 h", "٣٠m", "३०m", "๓๐m", "３０m", "³⁰m", "½h",
        "1h٣٠m", "٣٠",
    ])
    func rejectsEverythingElse(text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test func anyDurationFormats() {
        #expect(DurationText.format(.seconds(5400)) == "1h30m")
        #expect(DurationText.format(.zero) == "0s")
        #expect(DurationText.format(.seconds(-90)) == "-1m30s")
        #expect(DurationText.format(.seconds(Int64.max)).hasSuffix("s"))
        #expect(DurationText.format(.seconds(Int64.min)).hasPrefix("-"))
        #expect(DurationText.format(.milliseconds(500)) == "0s")
    }

    @Test(arguments: [
        ("16MB", 16 << 20), ("512KiB", 512 << 10), ("1048576", 1_048_576), ("2 gb", 2 << 30), ("10b", 10),
    ])
    func readsByteSizes(text: String, bytes: Int) {
        #expect(ByteSizeText.parse(text) == bytes)
    }

    @Test(arguments: [
        "9999999999999999999", "99999999999999999999", "9999999999g", "9223372036854775807k", "8589934592g",
        "", "mb", "-1mb", "+1mb", "１６MB", "١٦MB", "१६", "½g", "16 parsecs",
    ])
    func rejectsOversizedOrForeignByteSizes(text: String) {
        #expect(ByteSizeText.parse(text) == nil)
    }
}
