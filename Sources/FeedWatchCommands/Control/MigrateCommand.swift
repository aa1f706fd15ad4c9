import ArgumentParser
import Configuration
import FeedModel
import FeedStorage
import Foundation

/// Moves a FeedWatch from its SQLite database to PostgreSQL, for several daemons to share.
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Copy the SQLite database into an empty PostgreSQL database and verify every table's count.",
        discussion: """
            Copies feeds, articles and their sources, trackers, figure history, alerts, the hooks' outbox and host \\
            pauses, keeping their ids. Everything is written in one transaction: on any failure the PostgreSQL \\
            database is left as it was. Stop feedwatchd first (what it stores meanwhile is not copied), then point \\
            `database` in the config at the URL.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Option(help: ArgumentHelp("The PostgreSQL database to copy into (postgresql://USER@HOST:PORT/NAME).", valueName: "url"))
    var to: String

    func run() async throws {
        let settings = try global.settings()
        guard settings.postgres == nil else {
            throw CommandFailure.badInput("the database is already PostgreSQL (\(settings.databaseShown)); migrate copies from SQLite")
        }
        let target: PostgresAddress
        do {
            target = try SettingsLoader.postgresAddress(to, source: "--to", environment: ProcessInfo.processInfo.environment)
        } catch {
            throw CommandFailure.badInput(error.description)
        }
        guard FileManager.default.fileExists(atPath: settings.databasePath) else {
            throw CommandFailure.badInput("no SQLite database at \(settings.databasePath) to copy")
        }
        let source = try storage { try SQLiteStore.forReading(path: settings.databasePath) }
        let store = try storage { try PostgresStore(address: target) }
        defer { store.close() }
        let quiet = output.json
        let report = try storage {
            try PostgresMigration.copy(from: source, to: store) { table in
                if !quiet { FileHandle.standardError.write(Data("copying \(table)…\n".utf8)) }
            }
        }
        if output.json {
            JSONOutput.print(report)
            return
        }
        for table in report {
            print("\(table.table): \(table.copied) of \(table.source)")
        }
        print("copied \(settings.databasePath) into \(target); set `database = \"\(target)\"` in the config to use it")
    }
}
