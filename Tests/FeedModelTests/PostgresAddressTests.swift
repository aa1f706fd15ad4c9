import FeedModel
import Testing

@Suite struct PostgresAddressTests {
    @Test func readsTheFormsPsqlTakes() throws {
        let full = try PostgresAddress(parsing: "postgresql://feedwatch@db.internal:6432/news?sslmode=verify-full&sslrootcert=/etc/ca.pem")
        #expect(full.user == "feedwatch")
        #expect(full.host == "db.internal")
        #expect(full.port == 6432)
        #expect(full.database == "news")
        #expect(full.tls == .verifyFull)
        #expect(full.rootCertificate == "/etc/ca.pem")

        let short = try PostgresAddress(parsing: "postgres://", defaultUser: "watcher")
        #expect((short.user, short.host, short.port, short.database, short.tls) == ("watcher", "localhost", 5432, "watcher", .prefer))

        let v6 = try PostgresAddress(parsing: "postgresql://u%40x:p%3Aw@[::1]:5433/d%20b?password_file=/run/pw")
        #expect((v6.user, v6.password, v6.host, v6.port, v6.database) == ("u@x", "p:w", "::1", 5433, "d b"))
        #expect(v6.passwordFile == "/run/pw")
        #expect(v6.description == "postgresql://u@x@[::1]:5433/d b?password_file=/run/pw")

        let socket = try PostgresAddress(parsing: "postgresql:///feeds?host=/var/run/postgresql")
        #expect((socket.host, socket.database) == ("/var/run/postgresql", "feeds"))
    }

    @Test(arguments: [
        ("postgresql://h:0/d", PostgresAddressError.badPort("0")),
        ("postgresql://h:65536/d", .badPort("65536")),
        ("postgresql://h:５４/d", .badPort("５４")),
        ("postgresql://h:+5/d", .badPort("+5")),
        ("postgresql://a,b/d", .severalHosts),
        ("postgresql://[::1/d", .badHost("[::1")),
        ("postgresql://h/d?sslmode=always", .unknownTLSMode("always")),
        ("postgresql://h/d?timeout=5", .unknownParameter("timeout")),
        ("postgresql://h/d?sslmode", .parameterWithoutValue("sslmode")),
        ("postgresql://h/d%zz", .badEscape("database name")),
        ("postgres://u:pw@h/db://u:pw@h", .badDatabaseName("db://u:pw@h")),
        ("postgresql://h/d%ff", .badEscape("database name")),
        ("postgresql://h/d\n", .controlCharacter),
        ("postgresql://h/d%0a", .controlCharacter),
        ("postgresql://h/d\u{9C}", .controlCharacter),
        ("postgresql://h/d%C2%9C", .controlCharacter),
        ("mysql://h/d", .notAURL),
    ])
    func refusesWhatItCannotUse(url: String, error: PostgresAddressError) {
        #expect(throws: error) { try PostgresAddress(parsing: url) }
    }
}
