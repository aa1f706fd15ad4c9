import FeedModel
import Foundation

/// A tracker as `tracker list --json` prints it: the rule's fields, flattened.
struct TrackerView: Encodable, CustomStringConvertible {
    var id: Int64
    var name: String
    var kind: String
    var terms: [String]?
    var all: Bool?
    var exclude: [String]?
    var near: [String]?
    var unit: String?
    var window: Int?
    var minChange: Double?
    var direction: String?
    /// Statuses besides reported and attributed that move a figure tracker.
    var accept: [String]?
    var minSources: Int?
    /// The feeds it reads: ids and tags; both empty for every feed.
    var feeds: [Int64]
    var tags: [String]
    /// Only when the tracker was just added: what it learnt from the stored articles.
    var baseline: BaselineView?

    init(_ tracker: Tracker, baseline: BaselineView? = nil) {
        self.baseline = baseline
        feeds = tracker.scope.feeds
        tags = tracker.scope.tags
        id = tracker.id
        name = tracker.name
        kind = tracker.rule.kind
        switch tracker.rule {
        case .keyword(let rule):
            terms = rule.terms
            all = rule.requireAll
            exclude = rule.exclude
        case .figure(let rule):
            near = rule.near
            unit = rule.unit
            window = rule.window
            minChange = rule.minChangePercent
            direction = rule.direction.rawValue
            accept = rule.accept
            minSources = rule.minSources
        }
    }

    var description: String {
        guard !feeds.isEmpty || !tags.isEmpty else { return rule }
        let only = (feeds.isEmpty ? [] : ["feed " + feeds.map(String.init).joined(separator: ", ")])
            + (tags.isEmpty ? [] : ["tagged " + tags.joined(separator: ", ")])
        return rule + "; only " + only.joined(separator: " or ")
    }

    private var rule: String {
        if let near {
            var text = "\(unit ?? "any unit") within \(window ?? FigureRule.defaultWindow) words of "
                + near.map { "\"\($0)\"" }.joined(separator: " or ")
            if let minChange { text += "; changes of \(FigureText.number(minChange))% or more" }
            if let direction, direction != "any" { text += "; \(direction) only" }
            if let accept, !accept.isEmpty { text += "; also " + accept.joined(separator: ", ") + " values" }
            if let minSources, minSources > 1 { text += "; once \(minSources) outlets agree" }
            return text
        }
        let quoted = (terms ?? []).map { "\"\($0)\"" }
        var text = (all == true ? "all of " : "any of ") + quoted.joined(separator: ", ")
        if let exclude, !exclude.isEmpty { text += "; not " + exclude.map { "\"\($0)\"" }.joined(separator: ", ") }
        return text
    }
}
