import FeedParsing
import Testing

@Suite struct OPMLTests {
    @Test func foldersBecomeTagsAndRenderAgain() throws {
        let opml = """
            <opml version="2.0"><head><title>Mine</title></head><body>
            <outline text="News"><outline text="Wire" xmlUrl="https://wire.example/rss"/>
              <outline text="Deeper"><outline xmlUrl="https://deep.example/rss"/></outline></outline>
            <outline text="" xmlUrl="  "/><outline xmlUrl="https://loose.example/feed"/>
            </body></opml>
            """
        let document = try OPMLDocument.parse(Array(opml.utf8))
        #expect(document.title == "Mine")
        #expect(document.subscriptions.first { $0.url == "https://deep.example/rss" }?.tags == ["News", "Deeper"])
        #expect(document.subscriptions.contains { $0.url == "https://loose.example/feed" && $0.tags.isEmpty })
        let again = try OPMLDocument.parse(Array(document.rendered().utf8))
        #expect(Set(again.subscriptions.map(\.url)) == Set(document.subscriptions.map(\.url)))
        #expect(again.subscriptions.first { $0.url == "https://wire.example/rss" }?.tags == ["News"])
    }

    @Test(arguments: ["&#x110000;", "&#0;", "&#xD800;", "&#99999999999999999999;", "&#٦٥;", "&#+65;", "&#x;"])
    func characterReferencesOutOfRangeAreAnErrorOrText(reference: String) {
        let opml = "<opml><body><outline title=\"a\(reference)\" xmlUrl=\"https://odd.example/\(reference)\"/></body></opml>"
        do {
            let document = try OPMLDocument.parse(Array(opml.utf8))
            #expect(document.subscriptions.count <= 1)
        } catch {
            guard case .malformed = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    /// A list cut short is refused whole, with the reason, instead of importing its first half.
    @Test func aTruncatedListIsRefused() {
        let truncated = "<opml version=\"2.0\"><body><outline xmlUrl=\"https://a.example/rss\"/><outline xmlU"
        #expect(throws: FeedParseError.self) { try OPMLDocument.parse(Array(truncated.utf8)) }
        let unclosed = "<opml version=\"2.0\"><body><outline xmlUrl=\"https://a.example/rss\"/>"
        #expect(throws: FeedParseError.self) { try OPMLDocument.parse(Array(unclosed.utf8)) }
    }
}

@Suite struct OPMLAttributeTests {
    @Test func categoriesHTMLURLAndIntervalAreRead() throws {
        let opml = """
            <opml version="2.0"><body><outline text="News">
            <outline text="A" xmlUrl="https://a.example/rss" htmlUrl="https://a.example/" category="/News/Europe, war,,/" interval="900"/>
            <outline xmlUrl="https://b.example/rss" interval="15m"/><outline xmlUrl="https://c.example/rss" interval="٩٠٠"/>
            <outline xmlUrl="https://d.example/rss" interval="99999999999999999999"/><outline xmlUrl="https://e.example/rss" interval="0"/>
            </outline></body></opml>
            """
        let subscriptions = try OPMLDocument.parse(Array(opml.utf8)).subscriptions
        let first = try #require(subscriptions.first)
        #expect(first.tags == ["News", "Europe", "war"])
        #expect(first.htmlURL == "https://a.example/")
        #expect(first.intervalSeconds == 900)
        #expect(subscriptions.dropFirst().allSatisfy { $0.intervalSeconds == nil }, "only ASCII digits, 1 to 999,999,999")

        let rendered = OPMLDocument(title: nil, subscriptions: [first]).rendered()
        #expect(rendered.contains(#"htmlUrl="https://a.example/" category="/News,/Europe,/war" interval="900""#))
        #expect(try OPMLDocument.parse(Array(rendered.utf8)).subscriptions == [first])
    }
}
