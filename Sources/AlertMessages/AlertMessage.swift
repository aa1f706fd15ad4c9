/// An alert as a person reads it: what every sink sends, in its own format.
public struct AlertMessage: Sendable, Equatable {
    public var kind: String
    /// One line.
    public var title: String
    /// Plain text; lines apart, no blank line at either end.
    public var body: String
    /// The body as HTML (values escaped, lines kept), for e-mail and chat formats that take it.
    public var html: String
    /// The article (or feed) the alert is about, for a click action.
    public var link: String?

    public init(kind: String, title: String, body: String, html: String, link: String?) {
        self.kind = kind
        self.title = title
        self.body = body
        self.html = html
        self.link = link
    }
}
