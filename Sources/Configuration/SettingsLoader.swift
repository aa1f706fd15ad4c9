import FeedModel
import Foundation

/// Builds `Settings` from command-line overrides, the config file and defaults.
public enum SettingsLoader {
    /// Read when the user has no config file of their own.
    public static let systemConfig = "/etc/feedwatch/feedwatch.toml"

    /// - Parameters:
    ///   - configPath: `--config`; else `$FEEDWATCH_CONFIG`; else the default path, which may be absent.
    public static func load(
        configPath: String? = nil, databasePath: String? = nil, alertLogPath: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigError) -> Settings {
        let defaults = DefaultPaths(environment: environment)
        var settings = Settings(databasePath: defaults.database, alertLogPath: defaults.alertLog)
        let explicit = configPath ?? environment["FEEDWATCH_CONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        // A user without a config of their own gets the system's (which names the service's files).
        var path = explicit ?? defaults.config
        if explicit == nil, !FileManager.default.fileExists(atPath: path), FileManager.default.fileExists(atPath: systemConfig) {
            path = systemConfig
        }
        if explicit != nil || FileManager.default.fileExists(atPath: path) {
            try ConfigFile(path: path, environment: environment).apply(to: &settings)
            settings.configPath = path
        }
        if let databasePath { settings.databasePath = databasePath }
        if let alertLogPath { settings.alertLogPath = alertLogPath }
        if PostgresAddress.isURL(settings.databasePath) {
            let source = databasePath == nil ? settings.configPath ?? path : "--database"
            settings.postgres = try Self.postgresAddress(settings.databasePath, source: source, environment: environment)
            settings.inFlightDirectory = (defaults.database as NSString).deletingLastPathComponent + "/feedwatch.inflight"
        } else {
            settings.postgres = nil
            settings.databasePath = absolute(settings.databasePath)
            settings.inFlightDirectory = settings.databasePath + ".inflight"
        }
        settings.alertLogPath = absolute(settings.alertLogPath)
        return settings
    }

    /// A `postgresql://` URL read, with the user and password libpq would take from the environment
    /// when the URL names none (`PGUSER`, else `USER`; `PGPASSWORD` unless a password file is named).
    public static func postgresAddress(_ url: String, source: String, environment: [String: String]) throws(ConfigError) -> PostgresAddress {
        let user = [environment["PGUSER"], environment["USER"]].compactMap { $0 }.first { !$0.isEmpty } ?? "postgres"
        do {
            var address = try PostgresAddress(parsing: url, defaultUser: user)
            if address.password == nil, address.passwordFile == nil, let password = environment["PGPASSWORD"], !password.isEmpty {
                address.password = password
            }
            return address
        } catch {
            throw .database(source: source, problem: error.description)
        }
    }
}

/// An absolute, normalised path, so that messages and `status` show where files really are.
func absolute(_ path: String) -> String {
    let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    return (full as NSString).standardizingPath
}

/// The TOML config file. Unknown keys are errors: a typo must not silently fall back to a default.
struct ConfigFile {
    let path: String
    /// For credentials a sink names by environment variable (`token_env`).
    var environment: [String: String] = [:]

    func apply(to settings: inout Settings) throws(ConfigError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        try apply(text: text, to: &settings)
    }

    /// The file's text, as read from `path` (which names it in errors and anchors relative paths).
    func apply(text: String, to settings: inout Settings) throws(ConfigError) {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch {
            throw .syntax(path: path, line: error.line, column: error.column, message: error.message)
        }
        let directory = (path as NSString).deletingLastPathComponent
        for key in table.keys {
            switch key {
            case "database":
                let value = try string(table, key)
                // A URL is checked once the flags are read (`SettingsLoader.load`): `--database` may replace it.
                settings.databasePath = PostgresAddress.isURL(value) ? value : resolve(value, relativeTo: directory)
            case "alert_log":
                settings.alertLogPath = resolve(try string(table, key), relativeTo: directory)
            case "log_level":
                let level = try string(table, key)
                guard ["trace", "debug", "info", "notice", "warning", "error", "critical"].contains(level) else {
                    throw .invalidValue(path: path, key: key, expected: "one of trace, debug, info, notice, warning, error, critical")
                }
                settings.logLevel = level
            case "metrics":
                guard let metrics = table[key]?.table else {
                    throw .invalidValue(path: path, key: key, expected: "a table ([metrics])")
                }
                for metricsKey in metrics.keys where metricsKey != "listen" {
                    throw .unknownKey(path: path, key: "metrics.\(metricsKey)")
                }
                if metrics["listen"] != nil {
                    let listen = try string(metrics, "listen")
                    guard MetricsAddress.isLoopback(listen) else {
                        throw .invalidValue(path: path, key: "metrics.listen", expected: "a loopback address and port such as \"127.0.0.1:9464\"")
                    }
                    settings.metricsListen = listen
                }
            case "retention":
                // Shorter than a day would drop what a tracker test or a search of today needs.
                guard let text = table[key]?.string, let value = DurationText.parse(text), value >= DurationBounds.retentionMinimum else {
                    throw .invalidValue(path: path, key: key, expected: "a duration of at least \"1d\", such as \"90d\"")
                }
                settings.retention = value
            case "polling":
                guard let polling = table[key]?.table else {
                    throw .invalidValue(path: path, key: key, expected: "a table ([polling])")
                }
                try apply(polling, to: &settings.polling)
            case "sink":
                settings.sinks = try SinkTables(path: path, environment: environment).read(table[key] ?? .array([]))
            default:
                throw .unknownKey(path: path, key: key)
            }
        }
    }

    private func apply(_ table: TOMLTable, to polling: inout PollingSettings) throws(ConfigError) {
        for key in table.keys {
            let name = "polling.\(key)"
            switch key {
            case "interval": polling.defaultInterval = try duration(table, key, name: name, in: DurationBounds.feedInterval)
            case "connect_timeout": polling.connectTimeout = try duration(table, key, name: name, in: DurationBounds.connectTimeout)
            case "timeout": polling.timeout = try duration(table, key, name: name, in: DurationBounds.transferTimeout)
            case "max_backoff": polling.maxBackoff = try duration(table, key, name: name, in: DurationBounds.backoff)
            case "lease": polling.lease = try duration(table, key, name: name, in: DurationBounds.lease)
            case "max_server_wait": polling.maxServerWait = try duration(table, key, name: name, in: DurationBounds.serverWait)
            case "concurrency": polling.maxConnections = try integer(table, key, name: name, range: 1...1024)
            case "per_host": polling.maxConnectionsPerHost = try integer(table, key, name: name, range: 1...64)
            case "failure_alert_after": polling.failureAlertThreshold = try integer(table, key, name: name, range: 1...1000)
            case "max_body":
                // A body is held in memory whole: more than a gigabyte is a typo, not a feed.
                guard let text = table[key]?.string, let bytes = ByteSizeText.parse(text), (1024...(1 << 30)).contains(bytes) else {
                    throw .invalidValue(path: path, key: name, expected: "a size from \"1KB\" to \"1GB\", such as \"16MB\"")
                }
                polling.maxBodyBytes = bytes
            case "user_agent":
                // Sent as an HTTP header: printable ASCII only, so no value can add a header of its own.
                guard let text = table[key]?.string, (1...200).contains(text.utf8.count),
                      text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), text.first != " ", text.last != " " else {
                    throw .invalidValue(path: path, key: name, expected: "1 to 200 printable ASCII characters, such as \"MyReader/1.0\"")
                }
                polling.userAgent = text
            default:
                throw .unknownKey(path: path, key: name)
            }
        }
    }

    private func string(_ table: TOMLTable, _ key: String) throws(ConfigError) -> String {
        guard let value = table[key]?.string, !value.isEmpty else {
            throw .invalidValue(path: path, key: key, expected: "a non-empty string")
        }
        return value
    }

    private func integer(_ table: TOMLTable, _ key: String, name: String, range: ClosedRange<Int>) throws(ConfigError) -> Int {
        guard let value = table[key]?.int, range.contains(value) else {
            throw .invalidValue(path: path, key: name, expected: "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    private func duration(_ table: TOMLTable, _ key: String, name: String, in bounds: ClosedRange<Duration>) throws(ConfigError) -> Duration {
        guard let text = table[key]?.string, let value = DurationText.parse(text), bounds.contains(value) else {
            throw .invalidValue(path: path, key: name, expected: "a duration \(DurationBounds.describe(bounds))")
        }
        return value
    }

    private func resolve(_ path: String, relativeTo directory: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/") { return NSHomeDirectory() + path.dropFirst(1) }
        return ((directory.isEmpty ? "." : directory) as NSString).appendingPathComponent(path)
    }
}

/// `host:port` on a loopback interface.
public enum MetricsAddress {
    public static func split(_ text: String) -> (host: String, port: UInt16)? {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else { return nil }
        let host = String(text[..<colon])
        return (host == "localhost" ? "127.0.0.1" : host, port)
    }

    public static func isLoopback(_ text: String) -> Bool {
        guard let (host, _) = split(text) else { return false }
        return host.hasPrefix("127.")
    }
}
