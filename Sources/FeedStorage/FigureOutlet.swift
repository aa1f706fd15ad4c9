/// An outlet (a feed) that reported a figure's value: for an alert's `sources` and for
/// corroboration (`FigureRule.minSources`).
public struct FigureOutlet: Sendable, Equatable {
    public var feedID: Int64
    /// The feed's title, else its URL.
    public var name: String
    /// The status its reading had (`FigureStatus`'s raw value), if recorded.
    public var status: String?

    public init(feedID: Int64, name: String, status: String?) {
        self.feedID = feedID
        self.name = name
        self.status = status
    }
}
