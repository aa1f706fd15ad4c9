import FeedModel
import Foundation
import Logging
import NIOCore
import PostgresNIO

/// The store in a PostgreSQL database, shared by several daemons on several machines.
///
/// What SQLite guarantees by having one writer at a time, this store guarantees with the
/// database's own constraints and row locks:
/// - an article is stored once per content hash (`INSERT … ON CONFLICT`), an alert once per id
///   and per (tracker, article), an outbox row once per (alert, sink);
/// - each due feed is leased to one daemon until its fetch is saved or the lease expires, so a
///   daemon that dies leaves its feeds to the others after `leaseSeconds`; no host has more than
///   `perHost` feeds leased over all daemons (`dueFeeds`);
/// - each hook delivery is leased (`FOR UPDATE SKIP LOCKED`), so an alert reaches each sink once;
/// - each alert goes to the log of the daemon that raised it (`unloggedAlerts`).
public final class PostgresStore: FeedDatabase {
    let connections: PostgresConnections
    let address: PostgresAddress
    /// This store, in leases and `daemon_status`: host name, pid and a random tag.
    public let instance: String
    /// How long a leased feed or delivery stays with this daemon before others may take it.
    public let leaseSeconds: Double
    /// The most due feeds one call of `dueFeeds` leases, so that daemons share a backlog.
    public let leaseBatch: Int
    /// The most feeds of one host leased at once over all daemons (`polling.per_host`): a
    /// daemon fetches only what it leased, so no host sees more connections from all of them.
    public let perHost: Int
    let stories = StoryIndex()
    /// `LISTEN feedwatch_alerts`, on a connection of its own from the first `waitForAlerts`.
    let alertNotifications = AlertNotifications()

    public var location: String { address.description }
    public var exists: Bool { true }

    /// Connects, creating the schema or migrating it. Nothing is created but the tables: the
    /// database itself and its owner are the administrator's (`createdb`).
    public init(
        address: PostgresAddress, logger: Logger = Logger(label: "feedwatch.postgres"), leaseSeconds: Double = 300,
        leaseBatch: Int = 200, perHost: Int = 2
    ) throws(StorageError) {
        self.address = address
        self.leaseSeconds = leaseSeconds
        self.leaseBatch = leaseBatch
        self.perHost = max(1, perHost)
        var logger = logger
        // The client's own chatter (every query at debug) is not the daemon's.
        logger.logLevel = max(logger.logLevel, .notice)
        // A store of its own per opening, also within one process (tests run several daemons' stores).
        instance = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8).lowercased())"
        connections = try PostgresConnections(address: address, logger: logger)
        do {
            try PostgresSchema.migrate(connections)
        } catch {
            connections.close()
            throw .cannotOpen(path: address.description, reason: Self.describe(error))
        }
    }

    /// Gives back what this daemon leased and has not done (a stop in the middle of a cycle), so
    /// that the others take it now rather than when the leases expire; then disconnects.
    public func close() {
        _ = try? execute("UPDATE feeds SET leased_by = NULL, leased_until = NULL WHERE leased_by = \(instance)")
        _ = try? execute("UPDATE alert_outbox SET leased_by = NULL, leased_until = NULL WHERE leased_by = \(instance)")
        connections.close()
    }

    var logger: Logger { connections.logger }

    /// One statement's rows, outside any transaction.
    func rows(_ query: PostgresQuery) throws(StorageError) -> [PostgresRow] {
        do {
            return try connections.with { try $0.run(query, logger: logger).rows }
        } catch {
            throw Self.storageError(error)
        }
    }

    /// Rows affected by one statement, outside any transaction.
    @discardableResult
    func execute(_ query: PostgresQuery) throws(StorageError) -> Int {
        do {
            return try connections.with { try $0.run(query, logger: logger).metadata.rows ?? 0 }
        } catch {
            throw Self.storageError(error)
        }
    }

    /// `body` in one transaction.
    func transaction<T>(_ body: (PostgresConnection) throws -> T) throws(StorageError) -> T {
        do {
            return try connections.transaction(body)
        } catch {
            throw Self.storageError(error)
        }
    }

    /// Whether this store's connections to the server are encrypted (what `sslmode` gave).
    func connectionIsEncrypted() throws(StorageError) -> Bool {
        do {
            return try rows("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first?.decode(Bool.self) ?? false
        } catch {
            throw Self.storageError(error)
        }
    }

    public func startSearchCatchUp() {}

    /// Every article is searchable once committed: the index is a column of its row.
    public func finishSearchIndexing() throws(StorageError) {}

    public func articlesNotYetSearchable() throws(StorageError) -> Int { 0 }
}

/// A row's columns by name, decoded to the types the records hold.
struct PostgresColumns {
    let row: PostgresRandomAccessRow

    init(_ row: PostgresRow) {
        self.row = row.makeRandomAccess()
    }

    subscript<T: PostgresDecodable>(_ name: String, as type: T.Type = T.self) -> T {
        get throws { try row[name].decode(T.self) }
    }
}

/// A statement assembled piece by piece, with every value bound as a parameter (never spliced
/// into its text), for queries whose conditions depend on the caller's filters.
struct StatementBuilder {
    private(set) var sql: String
    private var binds = PostgresBindings()

    init(_ sql: String) {
        self.sql = sql
    }

    mutating func append(_ text: String) {
        sql += text
    }

    /// Binds `value` and returns its placeholder (`$1`, `$2`…).
    mutating func bind(_ value: some PostgresDynamicTypeEncodable) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    /// Binds `value`, NULL when nil, and returns its placeholder.
    mutating func bindOptional<Value: PostgresDynamicTypeEncodable>(_ value: Value?) -> String {
        binds.append(value)
        return "$\(binds.count)"
    }

    var query: PostgresQuery { PostgresQuery(unsafeSQL: sql, binds: binds) }
}
