import ArgumentParser
import FeedFetching

/// `feedwatch`: the control CLI. Works whether or not the daemon runs; the database is the truth.
public struct FeedWatchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "feedwatch",
        abstract: "Manage FeedWatch: feeds, trackers, alerts and articles.",
        discussion: """
            Exit status: 0 success, 1 runtime failure, 2 bad usage or bad input.

            Shell completion: `feedwatch --generate-completion-script bash` (or zsh, fish) prints a \
            script; for bash, save it as ~/.local/share/bash-completion/completions/feedwatch.
            """,
        version: FetcherConfiguration.version,
        subcommands: [
            FeedCommand.self, TrackCommand.self, TrackerCommand.self, AlertsCommand.self, FiguresCommand.self,
            ArticlesCommand.self, ParseCommand.self, StatusCommand.self, HooksCommand.self, VacuumCommand.self,
            MigrateCommand.self,
        ])

    public init() {}
}
