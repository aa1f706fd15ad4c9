import FeedModel
import FeedStorage
import FigureExtraction
import Foundation
import Tracking

/// Turns what the trackers found in one new article (or revision) into alerts, against what they
/// remember. Keyword trackers fire once per story (its reworded copies and revisions included); figure trackers fire
/// when the value differs from the one they last reported, within the rule's limits. Only
/// lookups and records: the findings were computed before.
struct ArticleAlerts {
    let feed: FeedRecord
    let now: Date

    /// - Parameter silently: record figure readings as a baseline (what a new tracker learns from
    ///   the stored articles) and raise nothing: a value that would have raised an alert is
    ///   recorded as `FigureObservation.baseline`, so that the next change is compared with it.
    func alerts(
        for article: ArticleRecord, findings: TrackerFindings, memory: any FigureLedger, silently: Bool = false
    ) throws -> [PendingAlert] {
        guard !findings.isEmpty, let articleID = article.id else { return [] }
        var alerts: [PendingAlert] = []
        // A story this article begins holds no alert yet: ids are never reused, so no other
        // article's alert names it, and each tracker fires at most once per article.
        let beginsStory = article.storyID == nil && article.revisionOf == nil
        for hit in findings.hits where !silently {
            if !beginsStory, let story = article.story, try memory.hasAlert(trackerID: hit.tracker.id, inStory: story) { continue }
            alerts.append(AlertFactory.alert(for: hit, article: article, feed: feed, at: now))
        }
        for draft in findings.figures {
            let reading = draft.reading
            let previous = try memory.reportedFigure(trackerID: draft.tracker.id)
            var verdict = FigureComparison.verdict(previous: previous?.value, current: reading.figure.value, rule: draft.rule)
            let published = article.published ?? article.updated ?? article.firstSeen
            if let previous {
                // Without a unit in the rule, the first reported unit is the tracker's unit; and an
                // article older than the one that set the current value is history, not news.
                if previous.unit != reading.figure.unit || published < previous.published { verdict = .filtered }
                if case .changed = verdict, Restatement.restates(reading.figure, previous: previous.value) { verdict = .restated }
            }
            // A denied, rejected, proposed or forecast value is recorded, never reported (unless accepted).
            if !reading.isAccepted { verdict = .filtered }
            // The outlets that report the new value, this one included; with `minSources`, it is
            // only news once enough of them agree.
            var outlets: [FigureOutlet] = []
            if verdict.alertKind != nil {
                outlets = try memory.outlets(trackerID: draft.tracker.id, value: reading.figure.value, unit: reading.figure.unit, after: previous?.id)
                    .filter { draft.rule.accepts(status: $0.status) }
                if let feedID = feed.id, !outlets.contains(where: { $0.feedID == feedID }) {
                    outlets.append(FigureOutlet(
                        feedID: feedID, name: feed.title ?? feed.url, status: reading.figure.status.rawValue, story: article.story))
                }
                if outlets.count < draft.rule.minSources ?? 1 { verdict = .awaitingSources }
            }
            let observation = FigureObservation(
                trackerID: draft.tracker.id, articleID: articleID, feedID: feed.id, value: reading.figure.value,
                unit: reading.figure.unit, text: reading.text, sentence: reading.figure.sentence, articleURL: article.url,
                published: published, seenAt: now,
                raised: verdict.alertKind.map { silently ? FigureObservation.baseline : $0.rawValue },
                role: reading.figure.role.rawValue, status: reading.figure.status.rawValue,
                attribution: reading.figure.attribution)
            guard try memory.record(observation), verdict.alertKind != nil, !silently else { continue }
            alerts.append(AlertFactory.alert(
                for: draft, verdict: verdict, previous: previous, article: article, feed: feed, at: now,
                sources: Alert.Sources(
                    count: outlets.count, independent: Set(outlets.map { $0.story ?? -$0.feedID }).count, outlets: outlets.map(\.name))))
        }
        return alerts
    }
}
