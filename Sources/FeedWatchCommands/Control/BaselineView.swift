import FeedModel
import FeedStorage
import Foundation
import Pipeline

/// What a new tracker learnt from the stored articles, as `track` prints it (the `baseline`
/// object of `track ... --json`).
struct BaselineView: Encodable, CustomStringConvertible {
    /// Where a figure tracker's current value came from.
    struct Current: Encodable {
        var value: Double
        var unit: String
        var text: String
        var sentence: String
        var articleID: Int64
        var articleURL: String?
        var feed: String?
        /// The article's date.
        var published: String
    }

    var kind: String
    var articlesRead: Int
    /// Keyword: articles that match. Figure: articles in which a value was read.
    var matching: Int
    /// Figure trackers only: the value the next reading is compared with (null when none yet).
    var current: Current?
    /// Keyword trackers only: alerts raised by `--backfill` (0 without it).
    var raised: Int?

    init(_ outcome: TrackerBaseline.Outcome, feeds: [Int64: FeedRecord]) {
        kind = outcome.tracker.rule.kind
        articlesRead = outcome.articlesRead
        matching = outcome.matching
        current = outcome.current.map { observation in
            Current(
                value: observation.value, unit: observation.unit, text: observation.text, sentence: observation.sentence,
                articleID: observation.articleID, articleURL: observation.articleURL,
                feed: observation.feedID.flatMap { feeds[$0] }.map { $0.title ?? $0.url },
                published: Timestamp.string(observation.published))
        }
        if case .keyword = outcome.tracker.rule { raised = outcome.raised.count }
    }

    enum CodingKeys: String, CodingKey {
        case kind, matching, current, raised
        case articlesRead = "articles_read"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(articlesRead, forKey: .articlesRead)
        try container.encode(matching, forKey: .matching)
        if kind == "figure" { try container.encode(current, forKey: .current) }
        try container.encodeIfPresent(raised, forKey: .raised)
    }

    var description: String {
        let stored = "\(FigureText.number(Double(articlesRead))) stored article(s)"
        if kind == "keyword" {
            let match = "\(FigureText.number(Double(matching))) of the \(stored) already match"
            guard let raised, raised > 0 else { return match + " (`--backfill` raises them as alerts)" }
            return match + "; raised \(raised) alert(s) for them"
        }
        guard let current else {
            return "no value in the \(stored) yet: the first one raises figure.first_seen"
        }
        let source = [current.feed, String(current.published.prefix(10))].compactMap { $0 }.joined(separator: ", ")
        return "current value: \(TerminalText.escaped(current.text)) (\(TerminalText.escaped(source)))"
            + (current.articleURL.map { " <\(TerminalText.escaped($0))>" } ?? "")
            + "\n  taken silently from \(FigureText.number(Double(matching))) of the \(stored); the next change raises figure.changed"
    }
}
