import FeedModel

/// Storage failures, phrased for the person at the terminal.
public enum StorageError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case feedExists(String)
    case feedNotFound(String)
    case trackerExists(String)
    case trackerNotFound(String)
    case database(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open database \(path): \(reason)"
        case .feedExists(let url): "feed already added: \(TerminalText.escaped(url))"
        case .feedNotFound(let key): "no feed with id or URL '\(TerminalText.escaped(key))' (see `feedwatch feed list`)"
        case .trackerExists(let name): "a tracker named '\(TerminalText.escaped(name))' already exists (remove it first)"
        case .trackerNotFound(let name): "no tracker named '\(TerminalText.escaped(name))' (see `feedwatch tracker list`)"
        case .database(let message): "database error: \(message)"
        }
    }
}
