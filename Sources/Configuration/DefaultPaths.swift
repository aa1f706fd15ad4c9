import Foundation

/// Where FeedWatch keeps its files when neither flags nor the config file say: the directories
/// systemd hands a service, else the XDG base directories of the user.
public struct DefaultPaths: Sendable, Equatable {
    public var database: String
    public var alertLog: String
    public var config: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func first(_ name: String) -> String? {
            environment[name].flatMap { $0.split(separator: ":").first.map(String.init) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        let xdgState = first("XDG_STATE_HOME") ?? home + "/.local/state"
        let xdgConfig = first("XDG_CONFIG_HOME") ?? home + "/.config"
        database = (first("STATE_DIRECTORY") ?? xdgState + "/feedwatch") + "/feedwatch.sqlite"
        alertLog = (first("LOGS_DIRECTORY") ?? first("STATE_DIRECTORY") ?? xdgState + "/feedwatch") + "/alerts.jsonl"
        config = (first("CONFIGURATION_DIRECTORY") ?? xdgConfig + "/feedwatch") + "/feedwatch.toml"
    }
}
