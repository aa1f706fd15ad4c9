import AlertMessages
import FeedModel
import FeedStorage
import Foundation

/// Several alerts as one delivery of kind `digest`: a JSON object with `count`, the alerts
/// grouped by tracker (feed alerts under "feeds") and then by story (the article, else the feed),
/// each alert with its title and body as the sink renders it, and the alerts themselves as the
/// log holds them (`alerts`). Every sink renders it with the digest's own layout.
enum DigestMessage {
    static func delivery(_ entries: [OutboxEntry], messages: MessageRenderer, at now: Date) -> HookDelivery {
        let alerts = entries.map { entry -> [String: Any] in
            (try? JSONSerialization.jsonObject(with: Data(entry.body.utf8)) as? [String: Any]) ?? ["id": entry.alertID, "kind": entry.kind]
        }
        var trackers: [(name: String, stories: [(key: String, title: String, link: String?, alerts: [[String: Any]])])] = []
        for (entry, alert) in zip(entries, alerts) {
            let message = messages.message(forAlertJSON: entry.body)
            let trackerName = entry.tracker ?? "feeds"
            let article = alert["article"] as? [String: Any]
            let feed = alert["feed"] as? [String: Any]
            let link = article?["url"] as? String ?? message.link
            let storyTitle = article?["title"] as? String ?? feed?["title"] as? String ?? link ?? message.title
            let key = link ?? storyTitle
            let rendered: [String: Any] = ["id": entry.alertID, "kind": entry.kind, "title": message.title, "body": message.body]
            var trackerIndex = trackers.firstIndex { $0.name == trackerName }
            if trackerIndex == nil {
                trackers.append((trackerName, []))
                trackerIndex = trackers.count - 1
            }
            guard let t = trackerIndex else { continue }
            if let s = trackers[t].stories.firstIndex(where: { $0.key == key }) {
                trackers[t].stories[s].alerts.append(rendered)
            } else {
                trackers[t].stories.append((key, storyTitle, link, [rendered]))
            }
        }
        let grouped: [[String: Any]] = trackers.map { tracker in
            [
                "name": tracker.name,
                "stories": tracker.stories.map { story -> [String: Any] in
                    var value: [String: Any] = ["title": story.title, "alerts": story.alerts]
                    if let link = story.link { value["link"] = link }
                    return value
                },
            ]
        }
        let first = entries.first?.alertID ?? "none"
        let id = "digest-\(first)-\(entries.count)"
        let object: [String: Any] = [
            "id": id, "kind": "digest", "time": Timestamp.string(now), "count": entries.count,
            "tracker_names": trackers.map(\.name).joined(separator: ", "), "trackers": grouped, "alerts": alerts,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return HookDelivery(alertID: id, kind: "digest", tracker: nil, json: String(decoding: data, as: UTF8.self))
    }
}
