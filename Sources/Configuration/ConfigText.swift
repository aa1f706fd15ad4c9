/// Config text applied to the default settings, without reading a file: the same code path as
/// `SettingsLoader.load`, for checks and for the fuzzer (Fuzz/).
extension SettingsLoader {
    /// - Parameters:
    ///   - text: the TOML text of a config file.
    ///   - path: where the text would live; it names the file in errors and anchors relative
    ///     paths (a `secret_file` is still read from disk).
    /// - Returns: the defaults (a database and alert log relative to `path`'s directory) with the
    ///   text's keys applied; paths are not made absolute.
    public static func settings(fromConfigText text: String, path: String) throws(ConfigError) -> Settings {
        var settings = Settings(databasePath: "feedwatch.sqlite", alertLogPath: "alerts.jsonl", configPath: path)
        try ConfigFile(path: path).apply(text: text, to: &settings)
        return settings
    }
}
