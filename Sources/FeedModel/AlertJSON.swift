import Foundation

/// The one encoding of an alert, shared by the database and the alert log.
public enum AlertJSON {
    public static func line(_ alert: Alert) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(alert), as: UTF8.self)
    }

    public static func alert(from line: String) throws -> Alert {
        try JSONDecoder().decode(Alert.self, from: Data(line.utf8))
    }
}
