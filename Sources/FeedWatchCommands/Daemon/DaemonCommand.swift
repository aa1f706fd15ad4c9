import ArgumentParser
import Configuration
import FeedFetching
import Logging
import Daemon
import ServiceLifecycle
import UnixSignals

/// `feedwatchd`: polls feeds, stores articles, runs trackers and writes alerts.
public struct DaemonCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "feedwatchd",
        abstract: "Poll news feeds, store their articles once, and raise alerts from trackers.",
        discussion: """
            Runs in the foreground until SIGTERM or SIGINT, which let the write in progress finish. \
            Feeds and trackers are managed with `feedwatch`; a running daemon picks up changes within a second.
            """,
        version: FetcherConfiguration.version)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Run one cycle over the feeds that are due, then exit.")
    var once = false

    @Flag(help: "With --once: fetch every feed, due or not.")
    var all = false

    @Option(help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel: String?

    public init() {}

    public func validate() throws {
        if all && !once { throw ValidationError("--all needs --once") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("unknown log level '\(logLevel)' (use trace, debug, info, notice, warning or error)")
        }
    }

    public func run() async throws {
        let settings = try global.settings()
        let level = Logger.Level(rawValue: logLevel ?? settings.logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = EscapingLogHandler(wrapped: StreamLogHandler.standardError(label: label))
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "feedwatchd")
        let app: FeedWatchApp
        let services: [any Service]
        do {
            let (config, database, alertLog) = (global.config, global.database, global.alertLog)
            app = try FeedWatchApp(settings: settings, role: .daemon, logger: logger)
            services = try app.services(
                once: once, all: all,
                loadSettings: { try SettingsLoader.load(configPath: config, databasePath: database, alertLogPath: alertLog) })
        } catch {
            throw CommandFailure.runtime("\(error)")
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                // Named by their type: the default name describes each service by reflection,
                // every stored property down the object graph: a tenth of a start's CPU samples.
                services: services.map {
                    .init(service: $0, successTerminationBehavior: .gracefullyShutdownGroup, serviceName: String(describing: type(of: $0)))
                },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        // The database closes after every service has stopped: hooks finish their deliveries first.
        defer {
            app.close()
            if !once { logger.info("feedwatchd stopped") }
        }
        do {
            try await group.run()
        } catch {
            throw CommandFailure.runtime("\(error)")
        }
    }
}
