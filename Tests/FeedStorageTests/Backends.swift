import FeedModel
import FeedStorage
import Foundation
import Testing
import TestSupport

/// The two implementations of `FeedDatabase`: the store's tests run against each.
///
/// PostgreSQL is the server `PostgresTestServer` names; each test gets a database of its own there.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// A new, empty database of this kind.
    func makeDatabase(in directory: TemporaryDirectory) throws -> TestDatabase {
        switch self {
        case .sqlite:
            return TestDatabase(open: { try SQLiteStore(path: directory.file("feedwatch.sqlite")) })
        case .postgres:
            let address = try PostgresTestServer.createAddress()
            return TestDatabase(open: { try PostgresStore(address: address, leaseSeconds: 60) })
        }
    }
}

/// One database; each `open()` is another connection to it, as another process would have.
struct TestDatabase {
    let open: () throws -> any FeedDatabase
}

extension PostgresTestServer {
    /// A database of its own for one test, on the test server.
    static func createAddress() throws -> PostgresAddress {
        try PostgresAddress(parsing: createDatabase())
    }
}
