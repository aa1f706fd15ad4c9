import FeedModel
import Foundation

extension HookDelivery {
    /// One made-up alert of each kind, for `feedwatch hooks test --each-kind`: shaped exactly like
    /// real alerts (so a hook renders them as it will render real ones), with ids starting with
    /// `test-`, the tracker `sample` and addresses under `feedwatch.invalid`. They never enter
    /// the alert log, the database or the outbox.
    public static func samples(at now: Date = Date()) -> [HookDelivery] {
        let time = Timestamp.string(now)
        let feed = Alert.FeedRef(id: 0, url: "https://feedwatch.invalid/sample/feed.xml", title: "FeedWatch sample feed")
        let article = Alert.ArticleRef(
            id: 0, title: "Sample: the ministry raises the troop cap", url: "https://feedwatch.invalid/sample/article",
            published: time, contentHash: String(repeating: "0", count: 64))
        let sentence = "The ministry raised the cap to 800,000 troops on Monday (a sample sentence)."
        func id() -> String { "test-" + Hex.lowercase((0..<16).map { _ in UInt8.random(in: 0...255) }) }
        let alerts = [
            Alert(
                id: id(), time: time, kind: .keywordMatched, tracker: "sample", feed: feed, article: article, matched: ["troop cap"],
                excerpt: "A sample excerpt: the ministry raised the troop cap on Monday."),
            Alert(
                id: id(), time: time, kind: .figureChanged, tracker: "sample", feed: feed, article: article,
                previous: Alert.FigureValue(value: 600_000, unit: "count", text: "600,000", articleURL: "https://feedwatch.invalid/sample/earlier", seen: time),
                current: Alert.FigureValue(value: 800_000, unit: "count", text: "800,000", sentence: sentence, articleURL: article.url),
                change: Alert.FigureChange(delta: 200_000, ratio: 1.0 / 3.0)),
            Alert(
                id: id(), time: time, kind: .figureFirstSeen, tracker: "sample", feed: feed, article: article,
                current: Alert.FigureValue(value: 800_000, unit: "count", text: "800,000", sentence: sentence, articleURL: article.url)),
            Alert(id: id(), time: time, kind: .feedFailing, feed: feed, message: "5 consecutive failures; last: HTTP 503 (a sample)"),
            Alert(id: id(), time: time, kind: .feedRecovered, feed: feed, message: "fetched again after 5 failures (a sample)"),
        ]
        return alerts.map { HookDelivery(alertID: $0.id, kind: $0.kind.rawValue, tracker: $0.tracker, json: AlertJSON.line($0)) }
    }
}
