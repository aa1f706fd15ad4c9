import Foundation

/// Follows one number through the news: the figure (of `unit`, if given) closest to one of the
/// `near` terms in the same sentence, at most `window` words away.
public struct FigureRule: Sendable, Equatable, Codable {
    /// Which changes raise `figure.changed`.
    public enum Direction: String, Sendable, Equatable, Codable, CaseIterable {
        case up, down, any
    }

    public static let defaultWindow = 12

    public var near: [String]
    /// `count`, `percent` or a currency code; nil accepts any unit.
    public var unit: String?
    public var window: Int
    /// The smallest change, in percent of the last reported value, that raises an alert.
    public var minChangePercent: Double?
    public var direction: Direction
    /// Statuses besides `reported` and `attributed` whose values move the tracker ("proposed",
    /// "forecast", "denied", "rejected"); other readings are only recorded.
    public var accept: [String]
    /// How many outlets (feeds) must report a new value before it raises an alert; nil or 1: one.
    public var minSources: Int?

    /// Every status a reading may carry, as `FigureStatus` names them.
    public static let statuses = ["reported", "attributed", "denied", "rejected", "proposed", "forecast"]

    public init(
        near: [String], unit: String? = nil, window: Int = FigureRule.defaultWindow, minChangePercent: Double? = nil,
        direction: Direction = .any, accept: [String] = [], minSources: Int? = nil
    ) {
        self.accept = accept
        self.minSources = minSources
        self.near = near
        self.unit = unit.map(FigureRule.canonicalUnit)
        self.window = window
        self.minChangePercent = minChangePercent
        self.direction = direction
    }

    /// The unit as figures carry it: `%` and `per cent` are `percent`; currency codes in capitals.
    public static func canonicalUnit(_ unit: String) -> String {
        let lowered = unit.lowercased().trimmingCharacters(in: .whitespaces)
        switch lowered {
        case "%", "percent", "per cent", "pct": return "percent"
        case "count", "number", "": return "count"
        default: return lowered.count == 3 ? lowered.uppercased() : lowered
        }
    }

    enum CodingKeys: String, CodingKey {
        case near, unit, window, direction, accept
        case minChangePercent = "min_change"
        case minSources = "min_sources"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(near, forKey: .near)
        try container.encodeIfPresent(unit, forKey: .unit)
        try container.encode(window, forKey: .window)
        try container.encodeIfPresent(minChangePercent, forKey: .minChangePercent)
        try container.encode(direction, forKey: .direction)
        if !accept.isEmpty { try container.encode(accept, forKey: .accept) }
        try container.encodeIfPresent(minSources, forKey: .minSources)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        near = try container.decode([String].self, forKey: .near)
        unit = try container.decodeIfPresent(String.self, forKey: .unit)
        window = try container.decodeIfPresent(Int.self, forKey: .window) ?? FigureRule.defaultWindow
        minChangePercent = try container.decodeIfPresent(Double.self, forKey: .minChangePercent)
        direction = try container.decodeIfPresent(Direction.self, forKey: .direction) ?? .any
        accept = try container.decodeIfPresent([String].self, forKey: .accept) ?? []
        minSources = try container.decodeIfPresent(Int.self, forKey: .minSources)
    }
}
