import FeedModel
import FeedParsing
import Testing

/// `<ttl>` and the Syndication module's schedule become `ttlSeconds`; nonsense gives no hint.
@Suite struct UpdateHintTests {
    private func channel(_ elements: String) throws -> ParsedFeed {
        let xml = """
            <rss version="2.0" xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"><channel><title>T</title>
            \(elements)
            <item><guid>1</guid><title>A</title></item></channel></rss>
            """
        return try FeedParser().parse(Array(xml.utf8))
    }

    @Test(arguments: [
        ("<ttl>60</ttl>", 3600),
        (" <ttl> 15 </ttl>", 900),
        ("<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>", 1800),
        ("<sy:updatePeriod>daily</sy:updatePeriod>", 86400),
        ("<sy:updateFrequency>4</sy:updateFrequency>", 21600),
        ("<sy:updatePeriod>weekly</sy:updatePeriod><sy:updateFrequency>1</sy:updateFrequency>", 604_800),
        ("<sy:updatePeriod>monthly</sy:updatePeriod>", 2_592_000),
        ("<sy:updatePeriod> yearly </sy:updatePeriod>", 31_536_000),
        ("<ttl>30</ttl><sy:updatePeriod>daily</sy:updatePeriod>", 1800),
        ("<ttl>soon</ttl><sy:updatePeriod>hourly</sy:updatePeriod>", 3600),
    ])
    func readsTheHint(elements: String, seconds: Int) throws {
        #expect(try channel(elements).ttlSeconds == seconds)
    }

    @Test(arguments: [
        "<ttl>999999999999999999</ttl>", "<ttl>9223372036854775807</ttl>", "<ttl>99999999999999999999</ttl>",
        "<ttl>0</ttl>", "<ttl>-5</ttl>", "<ttl>+5</ttl>", "<ttl>٦٠</ttl>", "<ttl>६०</ttl>", "<ttl>๖๐</ttl>",
        "<ttl>６０</ttl>", "<ttl>⁶⁰</ttl>", "<ttl>½</ttl>", "<ttl>1e3</ttl>", "<ttl></ttl>",
        "<sy:updatePeriod>fortnightly</sy:updatePeriod>",
        "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>0</sy:updateFrequency>",
        "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>-2</sy:updateFrequency>",
        "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>٢</sy:updateFrequency>",
        "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>９</sy:updateFrequency>",
        "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>99999999999999999999</sy:updateFrequency>",
        "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>9999</sy:updateFrequency>",
        "<sy:updateFrequency>½</sy:updateFrequency>",
        // Not the Syndication module's namespace.
        "<updatePeriod>hourly</updatePeriod><updateFrequency>2</updateFrequency>",
    ])
    func givesNoHintForNonsense(elements: String) throws {
        let feed = try channel(elements)
        #expect(feed.ttlSeconds == nil)
        #expect(feed.items.count == 1)
    }
}
