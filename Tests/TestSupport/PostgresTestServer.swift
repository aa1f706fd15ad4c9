import Foundation

/// The PostgreSQL server `POSTGRES_TEST_URL` names (`scripts/test` and `.ci/run` start a
/// throw-away cluster and set it): each test makes a database of its own there.
public enum PostgresTestServer {
    public static let variable = "POSTGRES_TEST_URL"

    /// The URL of a new, empty database on the test server.
    public static func createDatabase() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[variable], !url.isEmpty,
              var components = URLComponents(string: url), let host = components.host
        else { throw Unavailable() }
        let name = "fw_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let candidates = ["/usr/bin/createdb"] + versions.map { "/usr/lib/postgresql/\($0)/bin/createdb" }
        guard let createdb = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw CreateFailed(message: "createdb is not installed (apt-get install postgresql)")
        }
        let result = try Programs.runSystem(
            createdb, ["-h", host, "-p", String(components.port ?? 5432), "-U", components.user ?? "postgres", name])
        guard result.status == 0 else { throw CreateFailed(message: result.stderr) }
        components.path = "/" + name
        guard let created = components.string else { throw CreateFailed(message: "cannot make a URL of \(url)") }
        return created
    }

    public struct Unavailable: Error, CustomStringConvertible {
        public var description: String {
            "\(PostgresTestServer.variable) is not set: run the tests with scripts/test, which starts a throw-away PostgreSQL cluster"
        }
    }

    public struct CreateFailed: Error, CustomStringConvertible {
        public var message: String
        public var description: String { "createdb failed: \(message)" }
    }
}
