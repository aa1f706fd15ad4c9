/// A value of a TOML document, as the config file's reader sees it.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case boolean(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    public var string: String? { if case .string(let value) = self { value } else { nil } }
    public var int: Int? { if case .integer(let value) = self { value } else { nil } }
    public var bool: Bool? { if case .boolean(let value) = self { value } else { nil } }
    public var array: [TOMLValue]? { if case .array(let value) = self { value } else { nil } }
    public var table: TOMLTable? { if case .table(let value) = self { value } else { nil } }
}

/// A TOML table: its keys in the order the document gives them.
public struct TOMLTable: Sendable, Equatable {
    private(set) var entries: [(key: String, value: TOMLValue)] = []

    public init() {}

    /// Reads a whole document. Any text gives a table or a `TOMLSyntaxError` naming the line and
    /// column: the reader never traps, whatever the bytes.
    public init(string text: String) throws(TOMLSyntaxError) {
        var reader = TOMLReader(text)
        self = try reader.document()
    }

    public var keys: [String] { entries.map(\.key) }

    public subscript(key: String) -> TOMLValue? {
        get { entries.first { $0.key == key }?.value }
        set {
            if let index = entries.firstIndex(where: { $0.key == key }) {
                if let newValue { entries[index].value = newValue } else { entries.remove(at: index) }
            } else if let newValue {
                entries.append((key, newValue))
            }
        }
    }

    public static func == (lhs: TOMLTable, rhs: TOMLTable) -> Bool {
        lhs.entries.count == rhs.entries.count && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}

/// Where and why a document is not TOML (or not the TOML a config uses: dates and times).
public struct TOMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "line \(line), column \(column): \(message)" }
}
