import Foundation

/// The one encoding of an alert, shared by the database and the alert log.
///
/// Encoding never fails on a number: a non-finite one (which the figure extractor does not
/// produce, but an alert must never be lost over) is written as the string `"Infinity"`,
/// `"-Infinity"` or `"NaN"`, and read back the same way.
public enum AlertJSON {
    public static func line(_ alert: Alert) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(alert), as: UTF8.self)
    }

    public static func alert(from line: String) throws -> Alert {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try decoder.decode(Alert.self, from: Data(line.utf8))
    }
}

/// An alert with its JSON line, encoded once: the database, the alert log and the journal all
/// take the same line, so a raised alert is never encoded three times.
public struct EncodedAlert: Sendable, Equatable {
    public let alert: Alert
    public let line: String

    public init(_ alert: Alert) throws {
        self.alert = alert
        line = try AlertJSON.line(alert)
    }

    /// An alert read back with the line it was stored as.
    public init(alert: Alert, line: String) {
        self.alert = alert
        self.line = line
    }
}
