import FeedModel
import Foundation
import GRDB

/// Content hashes as the database keeps them: 32 bytes, not 64 hexadecimal characters, in the
/// articles table and its unique index alike. Swift code and alerts keep the hexadecimal form.
enum ContentHashColumn {
    /// The stored form of a hex SHA-256; the text itself if it is not one (never produced by the
    /// parser, but then it still round-trips).
    static func stored(_ hex: String) -> DatabaseValue {
        let digits = Array(hex.utf8)
        guard digits.count == 64 else { return hex.databaseValue }
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in 0..<32 {
            guard let high = value(digits[2 * index]), let low = value(digits[2 * index + 1]) else { return hex.databaseValue }
            bytes[index] = high << 4 | low
        }
        return Data(bytes).databaseValue
    }

    /// The hex form of a stored hash: a blob, or text that is not a SHA-256.
    static func hex(_ value: DatabaseValue) -> String {
        if let data = Data.fromDatabaseValue(value) , case .blob = value.storage { return hex(data) }
        return String.fromDatabaseValue(value) ?? ""
    }

    static func hex(_ data: Data) -> String {
        Hex.lowercase(data)
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x61...0x66: digit - 0x61 + 10
        case 0x41...0x46: digit - 0x41 + 10
        default: nil
        }
    }
}

