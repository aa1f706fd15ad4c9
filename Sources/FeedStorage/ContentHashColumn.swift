import FeedModel
import Foundation
import GRDB

/// Content hashes as the database keeps them: 32 bytes, not 64 hexadecimal characters, in the
/// articles table and its unique index alike. Swift code and alerts keep the hexadecimal form.
enum ContentHashColumn {
    /// The stored form of a hex SHA-256; the text itself if it is not one (never produced by the
    /// parser, but then it still round-trips).
    static func stored(_ hex: String) -> DatabaseValue {
        guard hex.utf8.count == 64, let bytes = Hex.bytes(hex) else { return hex.databaseValue }
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
}

