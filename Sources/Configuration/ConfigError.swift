/// A configuration problem, naming the file, the key and what is expected.
public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, message: String)
    case unknownKey(path: String, key: String)
    case invalidValue(path: String, key: String, expected: String)
    /// A `[[sink]]` table, named by `'name'` or, without one, its position (`#2`).
    case sink(path: String, sink: String, problem: String)
    /// The database URL, from the config file or `--database`.
    case database(source: String, problem: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "cannot read config \(path): \(reason)"
        case .syntax(let path, let line, let column, let message): "\(path):\(line):\(column): \(message)"
        case .unknownKey(let path, let key): "\(path): unknown key '\(key)'"
        case .invalidValue(let path, let key, let expected): "\(path): '\(key)' must be \(expected)"
        case .sink(let path, let sink, let problem): "\(path): sink \(sink): \(problem)"
        case .database(let source, let problem): "\(source): 'database': \(problem)"
        }
    }
}
