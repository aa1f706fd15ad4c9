/// An outlet (a feed) that reported a figure's value: for an alert's `sources` and for
/// corroboration (`FigureRule.minSources`).
public struct FigureOutlet: Sendable, Equatable {
    public var feedID: Int64
    /// The feed's title, else its URL.
    public var name: String
    /// The status its reading had (`FigureStatus`'s raw value), if recorded.
    public var status: String?
    /// The story of the article it reported in: outlets running copies of one wire story are
    /// one report, not independent ones.
    public var story: Int64?

    public init(feedID: Int64, name: String, status: String?, story: Int64?) {
        self.feedID = feedID
        self.name = name
        self.status = status
        self.story = story
    }
}
