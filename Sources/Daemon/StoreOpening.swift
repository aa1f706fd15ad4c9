import Configuration
import FeedModel
import FeedStorage
import Logging

/// The one place that turns the `database` setting into a store: PostgreSQL for a
/// `postgresql://` URL, SQLite otherwise. The daemon, every CLI verb and the tests open it here.
public enum StoreOpening {
    /// Opens the database, creating and migrating it if needed.
    public static func open(_ settings: Settings, logger: Logger = Logger(label: "feedwatch.storage")) throws(StorageError) -> any FeedDatabase {
        if let address = settings.postgres { return try postgres(address, settings, logger) }
        return try SQLiteStore(path: settings.databasePath)
    }

    private static func postgres(_ address: PostgresAddress, _ settings: Settings, _ logger: Logger) throws(StorageError) -> PostgresStore {
        try PostgresStore(
            address: address, logger: logger, leaseSeconds: Double(settings.polling.lease.components.seconds),
            perHost: settings.polling.maxConnectionsPerHost)
    }

    /// Opens the database for a verb that only reads: an SQLite file is never created, never
    /// migrated and may be on a read-only mount (a missing one reads as empty); a PostgreSQL
    /// database is opened as for writing, its schema being the server's to keep.
    public static func openForReading(_ settings: Settings, logger: Logger = Logger(label: "feedwatch.storage")) throws(StorageError) -> any FeedDatabase {
        if let address = settings.postgres { return try postgres(address, settings, logger) }
        return try SQLiteStore.forReading(path: settings.databasePath)
    }
}
