import FeedModel
import FeedParsing
import Testing

@Suite struct JSONFeedParsingTests {
    @Test func readsAJSONFeed11() throws {
        let json = """
            {"version": "https://jsonfeed.org/version/1.1", "title": "Wire JSON", "home_page_url": "https://wire.example/",
             "language": "en", "items": [
               {"id": "j-1", "url": "/2026/11/one", "title": "Ceasefire holds",
                "content_html": "<p>The <b>ceasefire</b> held.</p>", "summary": "It held.",
                "date_published": "2026-11-21T08:15:00+02:00", "authors": [{"name": "Olena"}], "tags": ["truce"]},
               {"id": 42, "content_text": "Plain text only", "date_modified": "2026-11-22T10:00:00Z"}
             ]}
            """
        let feed = try FeedParser().parse(Array(json.utf8), url: "https://wire.example/feed.json")
        #expect(feed.format == .jsonFeed)
        #expect(feed.title == "Wire JSON")
        #expect(feed.language == "en")
        #expect(feed.items.count == 2)
        let first = feed.items[0]
        #expect(first.id == "j-1")
        #expect(first.link == "https://wire.example/2026/11/one")
        #expect(first.text == "The ceasefire held.")
        #expect(first.author == "Olena")
        #expect(first.categories == ["truce"])
        #expect(first.published.map(Timestamp.string) == "2026-11-21T06:15:00Z")
        #expect(feed.items[1].id == "42")
        #expect(feed.items[1].text == "Plain text only")
    }

    @Test func otherJSONIsNotAFeed() {
        #expect(throws: FeedParseError.notAFeed("a JSON document that is not a JSON Feed (no jsonfeed.org version)")) {
            try FeedParser().parse(Array(#"{"error": "rate limited"}"#.utf8))
        }
        #expect {
            try FeedParser().parse(Array(#"{"version": "https://jsonfeed.org/version/1", "items": [}"#.utf8))
        } throws: { error in
            if case .malformed(let detail) = error as? FeedParseError { return detail.hasPrefix("invalid JSON") }
            return false
        }
    }

    @Test(arguments: ["1e400", "-1e400", "123456789012345678901234567890", "true", "{}", "[1]", "null"])
    func anIdNoStringHoldsIsNoId(id: String) throws {
        let json = """
            {"version": "https://jsonfeed.org/version/1", "items": [
              {"id": \(id), "url": "https://wire.example/a", "content_text": "one"},
              {"id": "b", "content_text": "two"}]}
            """
        let feed = try FeedParser().parse(Array(json.utf8))
        #expect(feed.items.count == 2)
        let first = try #require(feed.items.first)
        #expect(!first.id.contains("inf") && !first.id.contains("nan"))
        #expect(feed.items[1].id == "b")
    }
}
