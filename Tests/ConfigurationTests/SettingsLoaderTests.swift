import Configuration
import FeedModel
import Testing
import TestSupport

@Suite struct SettingsLoaderTests {
    let directory = TemporaryDirectory()

    @Test func defaultsFollowXDG() throws {
        let settings = try SettingsLoader.load(environment: ["HOME": "/home/ann", "XDG_CONFIG_HOME": directory.path])
        #expect(settings.databasePath == "/home/ann/.local/state/feedwatch/feedwatch.sqlite")
        #expect(settings.alertLogPath == "/home/ann/.local/state/feedwatch/alerts.jsonl")
        #expect(settings.configPath == nil)
        #expect(settings.polling.defaultInterval == .seconds(900))
    }

    /// The user agent goes into an HTTP header: only printable ASCII, so no value can add a header.
    @Test(arguments: [("MyReader/1.0 (ops@example.org)", true), ("", false), ("a\\r\\nX-Injected: 1", false), ("Читалка", false),
                      (String(repeating: "a", count: 201), false), (" padded", false)])
    func userAgentIsPrintableASCII(value: String, accepted: Bool) throws {
        let config = directory.write("ua.toml", "[polling]\nuser_agent = \"\(value)\"\n")
        do {
            let settings = try SettingsLoader.load(configPath: config, environment: ["HOME": directory.path])
            #expect(accepted, "\(value) was accepted")
            #expect(settings.polling.userAgent == value)
        } catch {
            #expect(!accepted, "\(value): \(error)")
            #expect(error.description.contains("'polling.user_agent' must be 1 to 200 printable ASCII characters"))
        }
    }

    @Test func retentionIsAtLeastADay() throws {
        let good = directory.write("keep.toml", "retention = \"90d\"\n")
        #expect(try SettingsLoader.load(configPath: good, environment: ["HOME": directory.path]).retention == .seconds(90 * 86400))
        #expect(try SettingsLoader.load(environment: ["HOME": directory.path]).retention == nil, "kept for ever by default")
        for value in ["12h", "0d", "forever", "-90d", "99999999999999d"] {
            let bad = directory.write("bad.toml", "retention = \"\(value)\"\n")
            #expect(throws: ConfigError.self) { try SettingsLoader.load(configPath: bad, environment: ["HOME": directory.path]) }
            do {
                _ = try SettingsLoader.load(configPath: bad, environment: ["HOME": directory.path])
            } catch {
                #expect(error.description.contains("'retention' must be a duration of at least \"1d\", such as \"90d\""), "\(error)")
            }
        }
    }

    @Test func defaultsFollowSystemdDirectories() throws {
        let settings = try SettingsLoader.load(environment: [
            "HOME": "/root", "STATE_DIRECTORY": "/var/lib/feedwatch", "LOGS_DIRECTORY": "/var/log/feedwatch",
            "CONFIGURATION_DIRECTORY": directory.path,
        ])
        #expect(settings.databasePath == "/var/lib/feedwatch/feedwatch.sqlite")
        #expect(settings.alertLogPath == "/var/log/feedwatch/alerts.jsonl")
    }

    @Test func fileValuesApplyAndFlagsWin() throws {
        let config = directory.write("feedwatch.toml", """
            database = "state/db.sqlite"
            alert_log = "/var/log/x/alerts.jsonl"
            [polling]
            interval = "10m"
            concurrency = 8
            per_host = 1
            max_body = "2MB"
            failure_alert_after = 3
            """)
        let settings = try SettingsLoader.load(configPath: config, alertLogPath: "/tmp/override.jsonl", environment: ["HOME": "/h"])
        #expect(settings.databasePath == directory.path + "/state/db.sqlite")
        #expect(settings.alertLogPath == "/tmp/override.jsonl")
        #expect(settings.polling.defaultInterval == .seconds(600))
        #expect(settings.polling.maxConnections == 8)
        #expect(settings.polling.maxConnectionsPerHost == 1)
        #expect(settings.polling.maxBodyBytes == 2 << 20)
        #expect(settings.polling.failureAlertThreshold == 3)
    }

    /// A URL is a PostgreSQL database, never a file named `postgresql:` beside the config.
    @Test func aPostgresURLIsADatabaseNotAPath() throws {
        let config = directory.write("feedwatch.toml", "database = \"postgresql://watcher@db.internal/news\"\n")
        let settings = try SettingsLoader.load(
            configPath: config, environment: ["HOME": "/h", "PGPASSWORD": "pw", "STATE_DIRECTORY": "/var/lib/feedwatch"])
        #expect(settings.databasePath == "postgresql://watcher@db.internal/news")
        #expect(settings.postgres?.host == "db.internal")
        #expect(settings.postgres?.password == "pw", "PGPASSWORD, as libpq takes it")
        #expect(settings.databaseShown == "postgresql://watcher@db.internal:5432/news")
        #expect(settings.inFlightDirectory == "/var/lib/feedwatch/feedwatch.inflight")

        let flag = try SettingsLoader.load(configPath: config, databasePath: "db.sqlite", environment: ["HOME": "/h"])
        #expect(flag.postgres == nil, "--database wins")
        #expect(flag.inFlightDirectory == flag.databasePath + ".inflight")

        #expect(throws: ConfigError.database(source: "--database", problem: PostgresAddressError.badPort("x").description)) {
            try SettingsLoader.load(configPath: config, databasePath: "postgresql://h:x/d", environment: ["HOME": "/h"])
        }
        let typo = directory.write("typo.toml", "database = \"postgresql://h/d?sslmod=require\"\n")
        #expect(throws: ConfigError.database(source: typo, problem: PostgresAddressError.unknownParameter("sslmod").description)) {
            try SettingsLoader.load(configPath: typo, environment: ["HOME": "/h"])
        }
    }

    @Test func theEnvironmentNamesTheConfigFile() throws {
        let config = directory.write("other.toml", "database = \"/data/fw.sqlite\"\n")
        let settings = try SettingsLoader.load(environment: ["HOME": "/h", "FEEDWATCH_CONFIG": config])
        #expect(settings.databasePath == "/data/fw.sqlite")
    }

    @Test func aTypoIsAnErrorNamingTheKey() {
        let config = directory.write("feedwatch.toml", "[polling]\nintervall = \"10m\"\n")
        #expect(throws: ConfigError.unknownKey(path: config, key: "polling.intervall")) {
            try SettingsLoader.load(configPath: config, environment: ["HOME": "/h"])
        }
    }

    @Test func aBadValueSaysWhatIsExpected() {
        let config = directory.write("feedwatch.toml", "[polling]\ninterval = \"soon\"\n")
        #expect(throws: ConfigError.invalidValue(path: config, key: "polling.interval", expected: "a duration from \"10s\" to \"30d\", such as \"15m\"")) {
            try SettingsLoader.load(configPath: config, environment: ["HOME": "/h"])
        }
    }

    /// Durations that overflow or make no sense are errors naming the key and the range, never a
    /// trap later (the first transfer used to trap on a 19-digit timeout).
    @Test(arguments: [
        ("interval", "9999999999999999h"), ("interval", "31d"), ("interval", "5s"), ("timeout", "9223372036854775807s"),
        ("timeout", "2h"), ("connect_timeout", "11m"), ("max_backoff", "8d"), ("max_server_wait", "30s"),
        ("max_server_wait", "99999999999999999999d"), ("interval", "١٥m"),
    ])
    func durationsOutOfRangeAreRefused(key: String, value: String) {
        let config = directory.write("bounds.toml", "[polling]\n\(key) = \"\(value)\"\n")
        #expect {
            try SettingsLoader.load(configPath: config, environment: ["HOME": "/h"])
        } throws: { error in
            guard case .invalidValue(_, let named, let expected) = error as? ConfigError else { return false }
            return named == "polling.\(key)" && expected.hasPrefix("a duration from")
        }
    }

    @Test(arguments: ["2GB", "99999999999999999999MB", "8589934591GB", "512", "١٦MB"])
    func bodySizesOutOfRangeAreRefused(value: String) {
        let config = directory.write("body.toml", "[polling]\nmax_body = \"\(value)\"\n")
        #expect(throws: ConfigError.invalidValue(path: config, key: "polling.max_body", expected: "a size from \"1KB\" to \"1GB\", such as \"16MB\"")) {
            try SettingsLoader.load(configPath: config, environment: ["HOME": "/h"])
        }
    }

    @Test func theServerWaitCapIsConfigurable() throws {
        let config = directory.write("wait.toml", "[polling]\nmax_server_wait = \"6h\"\n")
        #expect(try SettingsLoader.load(configPath: config, environment: ["HOME": "/h"]).polling.maxServerWait == .seconds(6 * 3600))
        let defaults = directory.write("empty.toml", "")
        #expect(try SettingsLoader.load(configPath: defaults, environment: ["HOME": "/h"]).polling.maxServerWait == .seconds(86400))
    }

    @Test func brokenSyntaxNamesTheLine() {
        let config = directory.write("feedwatch.toml", "database = \"ok\"\n[polling\n")
        #expect {
            try SettingsLoader.load(configPath: config, environment: ["HOME": "/h"])
        } throws: { error in
            guard case .syntax(_, let line, _, _) = error as? ConfigError else { return false }
            return line == 2
        }
    }

    @Test func aMissingExplicitFileIsAnError() {
        #expect {
            try SettingsLoader.load(configPath: directory.file("absent.toml"), environment: ["HOME": "/h"])
        } throws: { error in
            if case .unreadable = error as? ConfigError { return true }
            return false
        }
    }

    @Test(arguments: [("90s", 90), ("10m", 600), ("2h", 7200), ("1h30m", 5400), ("1d", 86400), ("45", 45)])
    func readsDurations(text: String, seconds: Int) {
        #expect(DurationText.parse(text) == .seconds(seconds))
    }

    @Test func rejectsBadDurations() {
        #expect(DurationText.parse("10 parsecs") == nil)
        #expect(DurationText.parse("m") == nil)
        #expect(DurationText.format(.seconds(5400)) == "1h30m")
    }
}
