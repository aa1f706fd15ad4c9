import FeedModel
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// Connections to one PostgreSQL database, lent to one caller at a time.
///
/// The store's methods are synchronous and run off the cooperative pool (`FeedDatabase`): a
/// caller borrows a connection, runs its statements with `EventLoopFuture.wait()` (their I/O
/// runs on NIO's event loops, never on the pool), and gives it back. A connection that failed
/// is closed, never lent again; idle ones beyond `idleLimit` are closed.
final class PostgresConnections: Sendable {
    let configuration: PostgresConnection.Configuration
    let logger: Logger
    private let idle = Mutex<[PostgresConnection]>([])
    private let nextID = Atomic<Int>(1)
    private static let idleLimit = 4

    init(address: PostgresAddress, logger: Logger) throws(StorageError) {
        self.logger = logger
        let password = try Self.password(for: address)
        if address.host.hasPrefix("/") {
            configuration = PostgresConnection.Configuration(
                unixSocketPath: address.host + "/.s.PGSQL.\(address.port)", username: address.user, password: password,
                database: address.database)
        } else {
            var configuration = PostgresConnection.Configuration(
                host: address.host, port: address.port, username: address.user, password: password, database: address.database,
                tls: try Self.tls(for: address))
            configuration.options.connectTimeout = .seconds(15)
            self.configuration = configuration
        }
    }

    /// Runs `body` with a connection of its own; a connection `body` failed on is closed.
    func with<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try take()
        do {
            let result = try body(connection)
            give(connection)
            return result
        } catch {
            // Closed before it is let go (postgres-nio requires it), off any event loop.
            _ = try? (connection.close() as EventLoopFuture<Void>).wait()
            throw error
        }
    }

    /// Runs `body` in one transaction (`BEGIN` … `COMMIT`); if it throws, the transaction is rolled
    /// back. A transaction a failed statement aborted (one `body` caught and went on from) is not
    /// committed: the server answers `COMMIT` with `ROLLBACK`, and this throws `RolledBack`, so
    /// that nothing is taken for stored that is not.
    func transaction<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        try with { connection in
            try connection.run("BEGIN", logger: logger)
            do {
                let result = try body(connection)
                let end = try connection.run("COMMIT", logger: logger)
                guard end.metadata.command == "COMMIT" else { throw RolledBack() }
                return result
            } catch {
                _ = try? connection.run("ROLLBACK", logger: logger)
                throw error
            }
        }
    }

    /// A store let go without `close` (a CLI verb ending) still says goodbye to the server.
    deinit {
        close()
    }

    func close() {
        let connections = idle.withLock { idle in
            defer { idle.removeAll() }
            return idle
        }
        for connection in connections { _ = try? connection.close().wait() }
    }

    private func take() throws -> PostgresConnection {
        while let connection = idle.withLock({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        let id = nextID.add(1, ordering: .relaxed).oldValue
        return try PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: id, logger: logger
        ).wait()
    }

    private func give(_ connection: PostgresConnection) {
        let surplus = idle.withLock { idle -> PostgresConnection? in
            guard idle.count < Self.idleLimit else { return connection }
            idle.append(connection)
            return nil
        }
        if let surplus { _ = try? (surplus.close() as EventLoopFuture<Void>).wait() }
    }

    /// The URL's password, else the first line of `password_file`.
    private static func password(for address: PostgresAddress) throws(StorageError) -> String? {
        if let password = address.password { return password }
        guard let file = address.passwordFile else { return nil }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw .cannotOpen(path: address.description, reason: "cannot read the password file \(file)")
        }
        let line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        return line.hasSuffix("\r") ? String(line.dropLast()) : line
    }

    private static func tls(for address: PostgresAddress) throws(StorageError) -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            switch address.tls {
            case .disable:
                return .disable
            case .prefer, .require:
                // libpq's meaning: encrypted, the server not authenticated.
                tls.certificateVerification = .none
                let context = try NIOSSLContext(configuration: tls)
                return address.tls == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                if let file = address.rootCertificate {
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
                }
                return .require(try NIOSSLContext(configuration: tls))
            }
        } catch {
            throw .cannotOpen(path: address.description, reason: "cannot set up TLS: \(error)")
        }
    }
}

/// A transaction the server rolled back instead of committing: one of its statements failed.
struct RolledBack: Error, CustomStringConvertible {
    var description: String { "a statement of the transaction failed, so none of it was stored" }
}

extension PostgresConnection {
    /// Runs one statement and collects its rows, blocking the calling thread (never an event loop).
    @discardableResult
    func run(_ query: PostgresQuery, logger: Logger) throws -> PostgresQueryResult {
        try self.query(query, logger: logger).wait()
    }
}

extension PostgresStore {
    /// A server's refusal, as a one-line message: its text and SQLSTATE, else the client's error.
    static func describe(_ error: any Error) -> String {
        if let error = error as? StorageError, case .database(let message) = error { return message }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return message + (error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? "")
            }
            if error.code == .sslUnsupported { return "the server does not offer TLS, which sslmode=require and verify-full ask for" }
            return "\(error.code)" + (error.underlying.map { ": \($0)" } ?? "")
        }
        return "\(error)"
    }

    static func storageError(_ error: any Error) -> StorageError {
        if let error = error as? StorageError { return error }
        return .database(describe(error))
    }

    /// Whether the server refused a duplicate of a UNIQUE key.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "23505"
    }
}
