import Foundation

/// One value a figure tracker read in one article. `raised` is the alert kind it raised
/// (`figure.first_seen`, `figure.changed`), `baseline` for a value the tracker took silently
/// from the articles stored before it was added, or nil; the latest observation that raised one
/// (or set the baseline) holds the value the tracker compares new readings against.
public struct FigureObservation: Sendable, Equatable, Codable {
    /// Its row id once stored (readings are ordered by it).
    public var id: Int64?
    public var trackerID: Int64
    public var articleID: Int64
    public var feedID: Int64?
    public var value: Double
    public var unit: String
    public var text: String
    public var sentence: String
    public var articleURL: String?
    /// The article's own date (else when it was first seen): readings are compared in this order.
    public var published: Date
    public var seenAt: Date
    public var raised: String?
    /// The figure's role in its sentence (`FigureRole`'s raw value); nil for readings stored
    /// before roles were read.
    public var role: String?
    /// Whether the sentence reports, denies or forecasts it (`FigureStatus`'s raw value); nil for
    /// readings stored before statuses were read.
    public var status: String?
    /// Who the sentence attributes it to, for an `attributed` reading.
    public var attribution: String?

    /// `raised` for a value recorded when the tracker was added: it raised nothing, but it is
    /// the value the next reading is compared with.
    public static let baseline = "baseline"

    /// Whether this reading set the value the tracker compared later readings with.
    public var isReported: Bool { raised != nil }

    /// The alert this reading raised, if any (a baseline value raised none).
    public var alert: String? { raised == Self.baseline ? nil : raised }

    public init(
        trackerID: Int64, articleID: Int64, feedID: Int64?, value: Double, unit: String, text: String,
        sentence: String, articleURL: String?, published: Date, seenAt: Date, raised: String?, role: String? = nil,
        status: String? = nil, attribution: String? = nil
    ) {
        self.role = role
        self.status = status
        self.attribution = attribution
        self.published = published
        self.trackerID = trackerID
        self.articleID = articleID
        self.feedID = feedID
        self.value = value
        self.unit = unit
        self.text = text
        self.sentence = sentence
        self.articleURL = articleURL
        self.seenAt = seenAt
        self.raised = raised
    }
}
