import FeedModel
import FeedStorage
import Foundation
import Testing
import TestSupport

/// The two implementations of `FeedDatabase`: the store's tests run against each.
///
/// PostgreSQL is the server `POSTGRES_TEST_URL` names (`scripts/test` and `.ci/run`
/// start a throw-away cluster and set it); each test gets a database of its own there.
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
            let address = try PostgresTestServer.createDatabase()
            return TestDatabase(open: { try PostgresStore(address: address, leaseSeconds: 60) })
        }
    }
}

/// One database; each `open()` is another connection to it, as another process would have.
struct TestDatabase {
    let open: () throws -> any FeedDatabase
}

enum PostgresTestServer {
    static let variable = "POSTGRES_TEST_URL"

    /// A database of its own for one test, on the test server.
    static func createDatabase() throws -> PostgresAddress {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty else {
            throw Unavailable()
        }
        var address = try PostgresAddress(parsing: url)
        address.database = "fw_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let candidates = ["/usr/bin/createdb"] + versions.map { "/usr/lib/postgresql/\($0)/bin/createdb" }
        let createdb = try #require(
            candidates.first { FileManager.default.isExecutableFile(atPath: $0) }, "createdb is not installed (apt-get install postgresql)")
        let result = try Programs.runSystem(
            createdb, ["-h", address.host, "-p", String(address.port), "-U", address.user, address.database])
        guard result.status == 0 else { throw CreateFailed(message: result.stderr) }
        return address
    }

    struct Unavailable: Error, CustomStringConvertible {
        var description: String {
            "\(PostgresTestServer.variable) is not set: run the tests with scripts/test, which starts a throw-away PostgreSQL cluster"
        }
    }

    struct CreateFailed: Error, CustomStringConvertible {
        var message: String
        var description: String { "createdb failed: \(message)" }
    }
}
