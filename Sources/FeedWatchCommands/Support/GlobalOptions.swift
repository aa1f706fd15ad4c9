import ArgumentParser
import Configuration
import Daemon
import FeedStorage

/// `--config`, `--database` and `--alert-log`, which both programs and every verb take.
public struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Config file (default: $FEEDWATCH_CONFIG, else the XDG or systemd location).", valueName: "path"))
    var config: String?

    @Option(help: ArgumentHelp("SQLite database path, or postgresql:// URL (overrides the config file).", valueName: "path|url"))
    var database: String?

    @Option(name: .customLong("alert-log"), help: ArgumentHelp("Alert log, JSON Lines (overrides the config file).", valueName: "path"))
    var alertLog: String?

    public init() {}

    func settings() throws(CommandFailure) -> Settings {
        do {
            return try SettingsLoader.load(configPath: config, databasePath: database, alertLogPath: alertLog)
        } catch {
            throw .badInput(error.description)
        }
    }
}

/// The database the settings name, opened (and migrated). Takes the settings the verb already
/// loaded, so a verb reads its configuration once and everything it does sees the same values.
func openStore(_ settings: Settings) throws(CommandFailure) -> any FeedDatabase {
    do {
        return try StoreOpening.open(settings)
    } catch {
        throw .runtime(error.description)
    }
}

/// The database, opened for a verb that only reads it: never created, never migrated, readable
/// on a read-only mount (see `SQLiteStore.forReading`). A missing database reads as an empty one.
func openStoreForReading(_ settings: Settings) throws(CommandFailure) -> any FeedDatabase {
    do {
        return try StoreOpening.openForReading(settings)
    } catch {
        throw .runtime(error.description)
    }
}

/// `--json`, taken by every listing verb.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print exactly one JSON document instead of text.")
    var json = false
}

/// Runs a storage call, mapping its error to an exit status: an unknown or duplicate name is
/// bad input (2), anything else a runtime failure (1).
func storage<T>(_ body: () throws -> T) throws(CommandFailure) -> T {
    do {
        return try body()
    } catch let error as StorageError {
        switch error {
        case .feedNotFound, .trackerNotFound, .feedExists, .trackerExists: throw .badInput(error.description)
        default: throw .runtime(error.description)
        }
    } catch let error as CommandFailure {
        throw error
    } catch {
        throw .runtime("\(error)")
    }
}
