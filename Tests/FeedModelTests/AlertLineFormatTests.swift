import FeedModel
import Foundation
import Testing

/// The alert log's line format is a public contract: these are its exact bytes.
@Suite struct AlertLineFormatTests {
    @Test func aFeedAlertCarriesANullTrackerAndNothingThatDoesNotApply() throws {
        let alert = Alert(
            id: "f1", time: "2026-11-23T19:10:00Z", kind: .feedFailing,
            feed: .init(id: 3, url: "https://example.org/feed.xml", title: nil), message: "5 consecutive failures")
        let line = AlertJSON.line(alert)
        #expect(line == #"{"feed":{"id":3,"url":"https://example.org/feed.xml"},"id":"f1","kind":"feed.failing","message":"5 consecutive failures","time":"2026-11-23T19:10:00Z","tracker":null}"#)
        #expect(try AlertJSON.alert(from: line) == alert)
    }

    @Test func aFigureAlertNamesItsTrackerAndRenamesItsFields() throws {
        let alert = Alert(
            id: "g1", time: "2026-11-23T19:10:00Z", kind: .figureChanged, tracker: "troops",
            article: .init(id: 42, title: "T", url: nil, published: nil, contentHash: "ab"),
            previous: .init(value: 600_000, unit: "count", text: "600,000", articleURL: "https://a.example/1", seen: "2026-11-22T00:00:00Z"),
            current: .init(value: 800_000, unit: "count", text: "800,000", sentence: "S."),
            change: .init(delta: 200_000, ratio: nil), revisionOf: 41)
        let line = AlertJSON.line(alert)
        #expect(line == #"{"article":{"content_hash":"ab","id":42,"title":"T"},"change":{"delta":200000},"current":{"sentence":"S.","text":"800,000","unit":"count","value":800000},"id":"g1","kind":"figure.changed","previous":{"article_url":"https://a.example/1","seen":"2026-11-22T00:00:00Z","text":"600,000","unit":"count","value":600000},"revision_of":41,"time":"2026-11-23T19:10:00Z","tracker":"troops"}"#)
        #expect(try AlertJSON.alert(from: line) == alert)
    }

    @Test func aLineWithoutTrackerStillReads() throws {
        let alert = try AlertJSON.alert(from: #"{"id":"r1","kind":"feed.recovered","time":"2026-11-23T19:10:00Z"}"#)
        #expect(alert.tracker == nil)
        #expect(alert.kind == .feedRecovered)
    }
}
