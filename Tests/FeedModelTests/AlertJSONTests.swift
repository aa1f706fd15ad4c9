import FeedModel
import Foundation
import Testing

/// The hand-written alert encoding writes exactly what `JSONEncoder` (sorted keys, unescaped
/// slashes) writes, for every shape of alert, and reads back as the same alert.
@Suite struct AlertJSONTests {
    static func reference(_ alert: Alert) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(alert), as: UTF8.self)
    }

    /// A small deterministic generator, so a failure names the seed that found it.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let texts = [
        "", "Ceasefire talks", "a/b \"quoted\" back\\slash", "line\nbreak\ttab\r\u{8}\u{c}", "\u{1}\u{1f}\u{7f}",
        "Войска: 800 000", "«договорённость» — 🇺🇦", "\u{2028}\u{2029}", "https://wire.example/a?b=c&d=e#f",
    ]
    static let numbers: [Double] = [
        0, -0.0, 1, 600_000, 0.19, 1.2e6, 1e15, 1e16, 1e21, 1e-7, 1.5e-5, 123_456_789_012_345_680, 0.1 + 0.2,
        .greatestFiniteMagnitude, .leastNonzeroMagnitude, -2.5, 800_000_000_000, .infinity, -.infinity, .nan, 1e100,
    ]

    static func alert(_ generator: inout Generator) -> Alert {
        func text() -> String { texts.randomElement(using: &generator) ?? "" }
        func maybe<T>(_ value: @autoclosure () -> T) -> T? { Bool.random(using: &generator) ? value() : nil }
        func number() -> Double { numbers.randomElement(using: &generator) ?? 0 }
        func figure() -> Alert.FigureValue {
            Alert.FigureValue(
                value: number(), unit: text(), text: text(), sentence: maybe(text()), articleURL: maybe(text()), seen: maybe(text()),
                role: maybe(text()), statedPrevious: maybe(number()), status: maybe(text()), attribution: maybe(text()))
        }
        return Alert(
            id: text(), time: text(), kind: AlertKind.allCases.randomElement(using: &generator) ?? .keywordMatched,
            tracker: maybe(text()), feed: maybe(Alert.FeedRef(id: Int64.random(in: -5...Int64.max, using: &generator), url: text(), title: maybe(text()))),
            article: maybe(Alert.ArticleRef(id: Int64.random(in: 0...1_000_000, using: &generator), title: maybe(text()), url: maybe(text()),
                                            published: maybe(text()), contentHash: text())),
            matched: maybe((0..<Int.random(in: 0...3, using: &generator)).map { _ in text() }), excerpt: maybe(text()),
            message: maybe(text()), previous: maybe(figure()), current: maybe(figure()),
            change: maybe(Alert.FigureChange(delta: number(), ratio: maybe(number()))),
            revisionOf: maybe(Int64.random(in: 1...99, using: &generator)),
            sources: maybe(Alert.Sources(
                count: Int.random(in: 0...9, using: &generator), independent: maybe(Int.random(in: 0...9, using: &generator)),
                outlets: [text(), text()])))
    }

    @Test(arguments: 0..<8)
    func writesWhatJSONEncoderWrites(seed: UInt64) throws {
        var generator = Generator(state: seed)
        for _ in 0..<500 {
            let alert = Self.alert(&generator)
            let line = AlertJSON.line(alert)
            #expect(line == (try Self.reference(alert)), "seed \(seed)")
            let back = try AlertJSON.alert(from: line)
            #expect(AlertJSON.line(back) == line, "round trip, seed \(seed)")
        }
    }

    @Test func aFeedAlertSaysTrackerNull() {
        let alert = Alert(id: "x", time: "2026-11-30T10:00:00Z", kind: .feedFailing, message: "5 consecutive failures")
        #expect(AlertJSON.line(alert) == #"{"id":"x","kind":"feed.failing","message":"5 consecutive failures","time":"2026-11-30T10:00:00Z","tracker":null}"#)
    }
}
