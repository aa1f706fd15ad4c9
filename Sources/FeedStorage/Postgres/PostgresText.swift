import FeedModel

/// PostgreSQL's `text` cannot hold U+0000, which a JSON feed may carry (`\u0000`) and SQLite
/// stores as it is: left in, the statement fails and the feed could never be stored. Outside text
/// goes through here before it is bound; the content hash, taken from the text as parsed, still
/// names the item.
enum PostgresText {
    static func clean(_ text: String) -> String {
        text.utf8.contains(0) ? text.replacing("\0", with: "") : text
    }

    static func clean(_ text: String?) -> String? {
        text.map(clean)
    }
}

extension ParsedItem {
    /// The item with every text field storable in PostgreSQL.
    var postgresSafe: ParsedItem {
        var item = self
        item.id = PostgresText.clean(id)
        item.title = PostgresText.clean(title)
        item.link = PostgresText.clean(link)
        item.author = PostgresText.clean(author)
        item.summary = PostgresText.clean(summary)
        item.content = PostgresText.clean(content)
        item.text = PostgresText.clean(text)
        item.categories = categories.map(PostgresText.clean)
        return item
    }
}

extension FeedRecord {
    /// The feed with every text a server or a file gave storable in PostgreSQL.
    var postgresSafe: FeedRecord {
        var feed = self
        feed.title = PostgresText.clean(title)
        feed.htmlUrl = PostgresText.clean(htmlUrl)
        feed.etag = PostgresText.clean(etag)
        feed.lastModified = PostgresText.clean(lastModified)
        feed.lastError = PostgresText.clean(lastError)
        feed.redirectCandidate = PostgresText.clean(redirectCandidate)
        return feed
    }
}

extension FigureObservation {
    /// The reading with its quoted text and sentence storable in PostgreSQL.
    var postgresSafe: FigureObservation {
        var observation = self
        observation.text = PostgresText.clean(text)
        observation.sentence = PostgresText.clean(sentence)
        observation.articleURL = PostgresText.clean(articleURL)
        observation.attribution = PostgresText.clean(attribution)
        return observation
    }
}
