import FeedModel
import FeedParsing
import Testing

@Suite struct AtomParsingTests {
    @Test func readsFeedAndEntryFields() throws {
        let atom = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://desk.example/news/">
              <title type="text">Europe Desk</title>
              <subtitle type="html">&lt;b&gt;Brussels&lt;/b&gt; briefings</subtitle>
              <link rel="self" href="https://desk.example/feed.atom"/>
              <link rel="alternate" href="https://desk.example/"/>
              <id>urn:uuid:1</id><updated>2026-11-22T10:00:00Z</updated>
              <entry>
                <id>tag:desk.example,2026:1</id>
                <title type="html">Ministers &amp;amp; envoys</title>
                <link rel="alternate" type="text/html" href="2026/11/22/ministers?from=feed&amp;lang=en"/>
                <link rel="enclosure" href="https://cdn.example/a.mp3"/>
                <published>2026-11-22T10:20:00+01:00</published><updated>2026-11-22T11:00:00Z</updated>
                <author><name>Anna Weber</name></author>
                <category term="eu" label="European Union"/>
                <summary type="text">Short &lt;not markup&gt;</summary>
                <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Ministers <em>met</em>.</p><p>Then left.</p></div></content>
              </entry>
            </feed>
            """
        let feed = try FeedParser().parse(Array(atom.utf8))
        #expect(feed.format == .atom10)
        #expect(feed.title == "Europe Desk")
        #expect(feed.subtitle == "Brussels briefings")
        #expect(feed.link == "https://desk.example/")
        let entry = try #require(feed.items.first)
        #expect(entry.id == "tag:desk.example,2026:1")
        #expect(entry.title == "Ministers & envoys")
        #expect(entry.link == "https://desk.example/news/2026/11/22/ministers?from=feed&lang=en")
        #expect(entry.published.map(Timestamp.string) == "2026-11-22T09:20:00Z")
        #expect(entry.updated.map(Timestamp.string) == "2026-11-22T11:00:00Z")
        #expect(entry.author == "Anna Weber")
        #expect(entry.categories == ["European Union"])
        #expect(entry.summary == "Short <not markup>")
        #expect(entry.content?.contains("<em>met</em>") == true)
        #expect(entry.text == "Ministers met.\nThen left.")
    }

    @Test func atom03IsRecognised() throws {
        let atom = """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
            <entry><id>1</id><title>One</title><issued>2026-11-01T00:00:00Z</issued>
            <content type="text/html" mode="escaped">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>
            """
        let feed = try FeedParser().parse(Array(atom.utf8))
        #expect(feed.format == .atom03)
        #expect(feed.items.first?.text == "Hi")
        #expect(feed.items.first?.published.map(Timestamp.string) == "2026-11-01T00:00:00Z")
    }

    @Test func entriesHaveTheirAuthorElseTheFeeds() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de"><title>Desk</title>
            <author><name>Desk
              staff</name></author>
            <entry><id>1</id><title>A</title><contributor><name>Helper</name></contributor><author><name>Writer</name></author></entry>
            <entry><id>2</id><title>B</title><contributor><name>Helper</name></contributor></entry>
            <entry><id>3</id><title>C</title><source><author><name>Elsewhere</name></author></source></entry>
            </feed>
            """
        let feed = try FeedParser().parse(Array(atom.utf8))
        #expect(feed.language == "de")
        #expect(feed.items.map(\.author) == ["Writer", "Desk staff", "Desk staff"])
    }

    @Test func xhtmlContentIsReadWithoutItsWrappingDiv() throws {
        let atom = """
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
            <entry><id>1</id><title type="xhtml">
              <div xmlns="http://www.w3.org/1999/xhtml">Podil <b>street</b> festival</div>
            </title><content type="xhtml">
              <div xmlns="http://www.w3.org/1999/xhtml"><p>Free &amp; open.</p></div>
            </content></entry></feed>
            """
        let entry = try #require(try FeedParser().parse(Array(atom.utf8)).items.first)
        #expect(entry.title == "Podil street festival")
        #expect(entry.content == "<p>Free &amp; open.</p>")
    }

    @Test func atom03Base64ContentIsDecoded() throws {
        let atom = """
            <feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>Old Atom</title>
            <entry><id>1</id><title>One</title>
            <content type="text/html" mode="base64">PHA+SGk8L3A+</content></entry></feed>
            """
        let entry = try #require(try FeedParser().parse(Array(atom.utf8)).items.first)
        #expect(entry.content == "<p>Hi</p>")
        #expect(entry.text == "Hi")
    }
}
