/// The title and body of each alert kind when a sink sets no template of its own. A figure
/// change reads "troop-cap: 600,000 → 800,000 (+33%) — Kyiv Wire: <sentence> <link>".
public enum DefaultTemplates {
    static let titles: [String: String] = [
        "keyword.matched": "{{tracker}}: {{#article.title}}{{article.title}}{{/article.title}}{{^article.title}}{{matched_terms}}{{/article.title}}",
        "figure.changed": "{{tracker}}: {{previous.text}} → {{current.text}}{{#percent}} ({{percent}}){{/percent}}",
        "figure.first_seen": "{{tracker}}: {{current.text}} (first seen)",
        "feed.failing": "Feed failing: {{source}}",
        "feed.recovered": "Feed recovered: {{source}}",
        "hook.test": "FeedWatch test",
        "digest": "FeedWatch: {{count}} alerts ({{tracker_names}})",
    ]

    static let bodies: [String: String] = [
        "keyword.matched": """
            {{tracker}} ({{matched_terms}}){{#source}} — {{source}}{{/source}}: {{article.title}}
            {{excerpt}}
            {{link}}
            """,
        "figure.changed":
            "{{tracker}}: {{previous.text}} → {{current.text}}{{#percent}} ({{percent}}){{/percent}}{{#source}} — {{source}}{{/source}}: {{current.sentence}} {{link}}",
        "figure.first_seen": "{{tracker}}: {{current.text}} first seen{{#source}} — {{source}}{{/source}}: {{current.sentence}} {{link}}",
        "feed.failing": "{{source}} is failing: {{message}} {{feed.url}}",
        "feed.recovered": "{{source}} works again. {{message}} {{feed.url}}",
        "hook.test": "{{message}}",
        "digest": """
            {{#trackers}}
            {{name}}:
            {{#stories}}
            • {{title}}{{#link}} {{link}}{{/link}}
            {{#alerts}}
              {{title}}
            {{/alerts}}
            {{/stories}}
            {{/trackers}}
            """,
    ]

    /// For a kind this version does not know (a newer alert in an older daemon's outbox).
    static let otherTitle = "FeedWatch: {{kind}}{{#tracker}} ({{tracker}}){{/tracker}}"
    static let otherBody = "{{kind}}{{#tracker}} ({{tracker}}){{/tracker}} {{source}} {{message}}{{excerpt}} {{link}}"

    public static func title(for kind: String, output: MessageTemplate.Output = .text) -> MessageTemplate? {
        try? MessageTemplate(titles[kind] ?? otherTitle, output: output)
    }

    public static func body(for kind: String, output: MessageTemplate.Output = .text) -> MessageTemplate? {
        try? MessageTemplate(bodies[kind] ?? otherBody, output: output)
    }

    /// Every kind with a template of its own, for tests and `hooks test`.
    public static var kinds: [String] { titles.keys.sorted() }
}
