import Foundation

/// The values a template can name: the alert's own fields as the alert log writes them
/// (`tracker`, `feed.title`, `article.url`, `previous.text`, `current.sentence`, `excerpt`,
/// `message`, …), and, worked out for messages:
///
/// - `source`: the feed's title, else its host;
/// - `link`: the article's address, else the figure's article, else the feed's;
/// - `percent`: a figure's change relative to before, such as `+33%` (absent when that was zero);
/// - `delta`: the change itself, signed (`+200000`);
/// - `matched_terms`: a keyword alert's terms, joined with ", ";
/// - one flag per kind for sections: `keyword_matched`, `figure_changed`, `figure_first_seen`,
///   `feed_failing`, `feed_recovered`, `hook_test`.
///
/// Absent fields are absent keys, so `{{#percent}} ({{percent}}){{/percent}}` shows nothing for them.
public enum AlertContext {
    /// - Parameter json: one alert as the log holds it (or a `hook.test` note shaped like one);
    ///   anything that is not a JSON object gives an empty context, never a trap.
    public static func values(fromAlertJSON json: String) -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [:] }
        var values = plain(object) as? [String: Any] ?? [:]
        let feed = values["feed"] as? [String: Any]
        let article = values["article"] as? [String: Any]
        let current = values["current"] as? [String: Any]
        if let source = nonEmpty(feed?["title"]) ?? (nonEmpty(feed?["url"]).flatMap { URL(string: $0)?.host }) {
            values["source"] = source
        }
        if let link = nonEmpty(article?["url"]) ?? nonEmpty(current?["article_url"]) ?? nonEmpty(feed?["url"]) {
            values["link"] = link
        }
        if let change = object["change"] as? [String: Any] {
            if let ratio = number(change["ratio"]), ratio.isFinite { values["percent"] = percent(ratio) }
            if let delta = number(change["delta"]), delta.isFinite { values["delta"] = signed(delta) }
        }
        if let matched = object["matched"] as? [Any] {
            let terms = matched.compactMap { $0 as? String }
            if !terms.isEmpty { values["matched_terms"] = terms.joined(separator: ", ") }
        }
        if let kind = values["kind"] as? String {
            values[kind.replacingOccurrences(of: ".", with: "_")] = true
        }
        return values
    }

    /// `+33%`, `-5%`, `+0.4%`: whole percents from 10% on, one decimal below.
    static func percent(_ ratio: Double) -> String {
        let value = ratio * 100
        let magnitude = abs(value)
        guard magnitude < 1e15 else { return value < 0 ? "-∞%" : "+∞%" }
        let text = magnitude >= 10 || magnitude == magnitude.rounded()
            ? String(Int64(magnitude.rounded()))
            : String(format: "%.1f", magnitude)
        return (value < 0 ? "-" : "+") + text + "%"
    }

    static func signed(_ value: Double) -> String {
        (value < 0 ? "-" : "+") + number(text: abs(value))
    }

    /// JSON values with every number as text (integers without ".0"), nulls dropped, so a
    /// template shows what the alert log shows.
    private static func plain(_ value: Any) -> Any? {
        switch value {
        case let dictionary as [String: Any]:
            var result: [String: Any] = [:]
            for (key, element) in dictionary {
                if let converted = plain(element) { result[key] = converted }
            }
            return result
        case let array as [Any]:
            return array.compactMap(plain)
        case let string as String:
            return string
        case is NSNull:
            return nil
        case let number as NSNumber:
            // An alert holds no booleans; a number is shown as the log writes it.
            return Self.number(text: number.doubleValue)
        default:
            return nil
        }
    }

    private static func number(_ value: Any?) -> Double? {
        (value as? NSNumber)?.doubleValue
    }

    private static func number(text value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity" }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    private static func nonEmpty(_ value: Any?) -> String? {
        guard let string = value as? String, !string.isEmpty else { return nil }
        return string
    }
}
