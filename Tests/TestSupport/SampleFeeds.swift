import Foundation

/// Small feed documents for tests, built from parts so each test states what matters to it.
public enum SampleFeeds {
    public struct Item: Sendable {
        public var guid: String
        public var title: String
        public var link: String
        public var html: String
        public var date = "Sat, 21 Nov 2026 08:15:00 +0200"

        public init(guid: String, title: String, link: String, html: String) {
            self.guid = guid
            self.title = title
            self.link = link
            self.html = html
        }
    }

    public static func rss(title: String = "Test Wire", items: [Item]) -> String {
        var xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
            <channel><title>\(title)</title><link>https://wire.example/</link><description>Tests</description>

            """
        for item in items {
            xml += """
                <item><title>\(escape(item.title))</title><link>\(item.link)</link>
                <guid isPermaLink="false">\(item.guid)</guid><pubDate>\(item.date)</pubDate>
                <description>\(escape(item.html))</description></item>

                """
        }
        return xml + "</channel></rss>\n"
    }

    public static func atom(title: String = "Test Desk", entries: [Item]) -> String {
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>\(title)</title><id>urn:test:feed</id>
            <updated>2026-11-22T10:00:00Z</updated><link rel="alternate" href="https://desk.example/"/>

            """
        for entry in entries {
            xml += """
                <entry><id>\(entry.guid)</id><title>\(escape(entry.title))</title>
                <link rel="alternate" href="\(entry.link)"/><updated>2026-11-22T10:00:00Z</updated>
                <content type="html">\(escape(entry.html))</content></entry>

                """
        }
        return xml + "</feed>\n"
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
