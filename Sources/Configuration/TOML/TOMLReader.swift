/// A strict reader of TOML 1.0 for the config file: tables, arrays of tables, dotted and quoted
/// keys, inline tables, arrays, every string form, integers (with `_`, hex, octal, binary),
/// floats and booleans. Dates and times, which no setting takes, are refused by name.
///
/// Written for a config that people type: every byte sequence ends in a table or in one error
/// with a line and a column. Numbers use checked arithmetic, nesting is limited, and nothing is
/// force-unwrapped, so no input can stop the program that reads it.
struct TOMLReader {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var lineStart = 0
    private var root = TOMLTable()
    /// The table `[header]` opened last: keys that follow go there.
    private var current: [String] = []
    /// Tables opened with a `[header]`, which may not be opened twice.
    private var declared: Set<[String]> = []
    /// Arrays created by `[[header]]`: only they can take another table that way.
    private var tableArrays: Set<[String]> = []
    /// Arrays and inline tables nest at most this deep.
    private let maximumDepth = 64

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    mutating func document() throws(TOMLSyntaxError) -> TOMLTable {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count {
            skipBlanks()
            guard let byte = peek() else { break }
            switch byte {
            case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): break
            case UInt8(ascii: "["): try header()
            default: try keyValue(into: current)
            }
            try endOfLine()
        }
        return root
    }

    // MARK: - Lines

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private mutating func skipBlanks() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 { index += 1 }
    }

    /// After a statement: blanks, an optional comment, then a newline or the end.
    private mutating func endOfLine() throws(TOMLSyntaxError) {
        skipBlanks()
        if peek() == UInt8(ascii: "#") {
            while let byte = peek(), byte != 0x0A, byte != 0x0D { index += 1 }
        }
        guard let byte = peek() else { return }
        try newline(expected: "the end of the line", found: byte)
    }

    private mutating func newline(expected: String, found byte: UInt8) throws(TOMLSyntaxError) {
        if byte == 0x0D, peek(1) == 0x0A { index += 1 }
        guard peek() == 0x0A else { throw error("expected \(expected), found \(describe(byte))") }
        index += 1
        line += 1
        lineStart = index
    }

    /// Blanks, newlines and comments, as arrays allow between their values.
    private mutating func skipBlanksNewlinesAndComments() throws(TOMLSyntaxError) {
        while let byte = peek() {
            switch byte {
            case 0x20, 0x09: index += 1
            case UInt8(ascii: "#"): while let byte = peek(), byte != 0x0A, byte != 0x0D { index += 1 }
            case 0x0A, 0x0D: try newline(expected: "a newline", found: byte)
            default: return
            }
        }
    }

    // MARK: - Tables and keys

    private mutating func header() throws(TOMLSyntaxError) {
        index += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { index += 1 }
        skipBlanks()
        let path = try key()
        skipBlanks()
        guard peek() == UInt8(ascii: "]"), !isArray || peek(1) == UInt8(ascii: "]") else {
            throw error(isArray ? "expected ']]' to close the array of tables header" : "expected ']' to close the table header")
        }
        index += isArray ? 2 : 1
        if isArray {
            try appendTable(at: path)
        } else {
            guard !tableArrays.contains(path) else { throw error("table [\(dotted(path))] is defined twice (as an array of tables)") }
            guard declared.insert(path).inserted else { throw error("table [\(dotted(path))] is defined twice") }
            let where_ = position()
            try Self.modify(&root, path: path[...], arrays: tableArrays, at: where_) { _ throws(TOMLSyntaxError) in }
        }
        current = path
    }

    private mutating func appendTable(at path: [String]) throws(TOMLSyntaxError) {
        guard let name = path.last else { return }
        let parent = Array(path.dropLast())
        let isTableArray = tableArrays.contains(path)
        let where_ = position()
        try Self.modify(&root, path: parent[...], arrays: tableArrays, at: where_) { table throws(TOMLSyntaxError) in
            switch table[name] {
            case nil: table[name] = .array([.table(TOMLTable())])
            case .array(var tables) where isTableArray:
                tables.append(.table(TOMLTable()))
                table[name] = .array(tables)
            default: throw TOMLSyntaxError(line: where_.line, column: where_.column, message: "[[\(name)]] names a key that is not an array of tables")
            }
        }
        tableArrays.insert(path)
        // Tables below this one may be declared again for the new element.
        declared = declared.filter { !$0.starts(with: path) }
    }

    /// `key`, `"quoted key"`, `'literal key'`, or several joined with dots.
    private mutating func key() throws(TOMLSyntaxError) -> [String] {
        var parts: [String] = []
        while true {
            skipBlanks()
            guard let byte = peek() else { throw error("expected a key, found the end of the file") }
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): parts.append(try string())
            default:
                let start = index
                while let byte = peek(), Self.isBareKey(byte) { index += 1 }
                guard index > start else { throw error("expected a key, found \(describe(byte))") }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipBlanks()
            guard peek() == UInt8(ascii: ".") else { return parts }
            guard parts.count < maximumDepth else { throw error("a key has more than \(maximumDepth) parts") }
            index += 1
        }
    }

    private mutating func keyValue(into tablePath: [String]) throws(TOMLSyntaxError) {
        let path = try key()
        skipBlanks()
        guard peek() == UInt8(ascii: "=") else {
            throw error("expected '=' after the key '\(dotted(path))', found \(peek().map(describe) ?? "the end of the file")")
        }
        index += 1
        skipBlanks()
        let value = try self.value(depth: 0)
        let (where_, shown) = (position(), dotted(path))
        try Self.assign(value, to: path, under: tablePath, in: &root, arrays: tableArrays, at: where_, shown: shown)
    }

    private static func assign(
        _ value: TOMLValue, to path: [String], under tablePath: [String], in root: inout TOMLTable, arrays: Set<[String]>,
        at where_: (line: Int, column: Int), shown: String
    ) throws(TOMLSyntaxError) {
        guard let name = path.last else { return }
        try modify(&root, path: (tablePath + path.dropLast())[...], arrays: arrays, at: where_) { table throws(TOMLSyntaxError) in
            guard table[name] == nil else {
                throw TOMLSyntaxError(line: where_.line, column: where_.column, message: "the key '\(shown)' is defined twice")
            }
            table[name] = value
        }
    }

    /// Runs `body` on the table at `path`, creating tables on the way; a path through an array
    /// of tables goes to its last element.
    private static func modify(
        _ table: inout TOMLTable, path: ArraySlice<String>, arrays: Set<[String]>, walked: [String] = [],
        at where_: (line: Int, column: Int), _ body: (inout TOMLTable) throws(TOMLSyntaxError) -> Void
    ) throws(TOMLSyntaxError) {
        guard let name = path.first else { return try body(&table) }
        let here = walked + [name]
        let rest = path.dropFirst()
        switch table[name] {
        case nil:
            var child = TOMLTable()
            try modify(&child, path: rest, arrays: arrays, walked: here, at: where_, body)
            table[name] = .table(child)
        case .table(var child):
            try modify(&child, path: rest, arrays: arrays, walked: here, at: where_, body)
            table[name] = .table(child)
        case .array(var elements) where arrays.contains(here):
            guard case .table(var child)? = elements.last else { return }
            try modify(&child, path: rest, arrays: arrays, walked: here, at: where_, body)
            elements[elements.count - 1] = .table(child)
            table[name] = .array(elements)
        default:
            throw TOMLSyntaxError(line: where_.line, column: where_.column, message: "'\(here.joined(separator: "."))' is a value, not a table")
        }
    }

    // MARK: - Values

    private mutating func value(depth: Int) throws(TOMLSyntaxError) -> TOMLValue {
        guard depth < maximumDepth else { throw error("arrays and inline tables are nested more than \(maximumDepth) deep") }
        guard let byte = peek() else { throw error("expected a value, found the end of the file") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return .string(try string())
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "{"): return try inlineTable(depth: depth)
        default: return try scalar()
        }
    }

    private mutating func array(depth: Int) throws(TOMLSyntaxError) -> TOMLValue {
        index += 1
        var elements: [TOMLValue] = []
        while true {
            try skipBlanksNewlinesAndComments()
            if peek() == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            elements.append(try value(depth: depth + 1))
            try skipBlanksNewlinesAndComments()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): break
            case let other: throw error("expected ',' or ']' in an array, found \(other.map(describe) ?? "the end of the file")")
            }
        }
    }

    private mutating func inlineTable(depth: Int) throws(TOMLSyntaxError) -> TOMLValue {
        index += 1
        var table = TOMLTable()
        skipBlanks()
        if peek() == UInt8(ascii: "}") {
            index += 1
            return .table(table)
        }
        while true {
            skipBlanks()
            let path = try key()
            skipBlanks()
            guard peek() == UInt8(ascii: "=") else { throw error("expected '=' after the key '\(dotted(path))' in an inline table") }
            index += 1
            skipBlanks()
            let element = try value(depth: depth + 1)
            try Self.assign(element, to: path, under: [], in: &table, arrays: [], at: position(), shown: dotted(path))
            skipBlanks()
            switch peek() {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                return .table(table)
            case let other: throw error("expected ',' or '}' in an inline table, found \(other.map(describe) ?? "the end of the file")")
            }
        }
    }

    /// `true`, `false`, integers and floats; dates and times are named and refused.
    private mutating func scalar() throws(TOMLSyntaxError) -> TOMLValue {
        let start = index
        while let byte = peek(), Self.isScalar(byte) { index += 1 }
        let token = String(decoding: bytes[start..<index], as: UTF8.self)
        guard !token.isEmpty else { throw error("expected a value, found \(peek().map(describe) ?? "the end of the file")") }
        switch token {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        case "inf", "+inf": return .float(.infinity)
        case "-inf": return .float(-.infinity)
        case "nan", "+nan", "-nan": return .float(.nan)
        default: break
        }
        let digits = token.utf8.filter { $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "-") }
        if token.utf8.count >= 5, token.utf8.dropFirst(4).first == UInt8(ascii: "-") || token.utf8.dropFirst(2).first == UInt8(ascii: ":") {
            throw error("dates and times are not used in this configuration: '\(token)'")
        }
        if let integer = Self.integer(token) { return .integer(integer) }
        if digits.contains(where: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
           let float = Self.float(token) {
            return .float(float)
        }
        throw error("not a value: '\(token)' (strings are written in quotes)")
    }

    /// Decimal with optional sign and `_` between digits, or `0x`, `0o`, `0b`; nil if it is not
    /// one or does not fit in an `Int`.
    static func integer(_ token: String) -> Int? {
        var text = Substring(token)
        var negative = false
        var radix = 10
        if let sign = text.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            text = text.dropFirst()
        }
        if text.count > 2, text.hasPrefix("0x") || text.hasPrefix("0o") || text.hasPrefix("0b") {
            guard token.first != "+", token.first != "-" else { return nil }
            radix = text.hasPrefix("0x") ? 16 : text.hasPrefix("0o") ? 8 : 2
            text = text.dropFirst(2)
        } else if text.count > 1, text.first == "0" {
            return nil  // leading zeros
        }
        var value = 0
        var previousWasDigit = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "_") {
                guard previousWasDigit else { return nil }
                previousWasDigit = false
                continue
            }
            guard let digit = hexDigit(byte), digit < radix else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            let (next, carry) = negative ? shifted.subtractingReportingOverflow(digit) : shifted.addingReportingOverflow(digit)
            guard !overflow, !carry else { return nil }
            value = next
            previousWasDigit = true
        }
        return previousWasDigit ? value : nil
    }

    /// `3.14`, `-0.5e3`, `1e6`, with `_` between digits; only finite values.
    static func float(_ token: String) -> Double? {
        var cleaned = ""
        var previous: UInt8 = 0
        for byte in token.utf8 {
            let isDigit = byte >= 0x30 && byte <= 0x39
            if byte == UInt8(ascii: "_") {
                guard previous >= 0x30, previous <= 0x39 else { return nil }
            } else {
                guard isDigit || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                    || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                else { return nil }
                if byte == UInt8(ascii: ".") { guard previous >= 0x30, previous <= 0x39 else { return nil } }
                cleaned.unicodeScalars.append(Unicode.Scalar(byte))
            }
            previous = byte
        }
        guard let last = cleaned.utf8.last, last >= 0x30, last <= 0x39, let value = Double(cleaned), value.isFinite else { return nil }
        return value
    }

    // MARK: - Strings

    /// A string at a quote: basic (`"…"`, with escapes) or literal (`'…'`), on one line or, with
    /// three quotes, on several.
    private mutating func string() throws(TOMLSyntaxError) -> String {
        guard let quote = peek() else { throw error("expected a string, found the end of the file") }
        let escapes = quote == UInt8(ascii: "\"")
        let multiline = peek(1) == quote && peek(2) == quote
        index += multiline ? 3 : 1
        if multiline { try skipFirstNewline() }
        var scalars = String.UnicodeScalarView()
        while true {
            guard let byte = peek() else { throw error("a string is not closed") }
            if byte == quote {
                if !multiline {
                    index += 1
                    return String(scalars)
                }
                if let closed = closeMultiline(quote: byte, into: &scalars) { return closed }
                continue
            }
            if escapes, byte == UInt8(ascii: "\\") {
                index += 1
                if multiline, let next = peek(), next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D {
                    try skipLineEndingBackslash()
                    continue
                }
                scalars.append(try escape())
                continue
            }
            try appendCharacter(byte, multiline: multiline, into: &scalars)
        }
    }

    /// At a quote inside a multi-line string: three or more end it (up to two of them belong to
    /// the string); fewer are text.
    private mutating func closeMultiline(quote: UInt8, into scalars: inout String.UnicodeScalarView) -> String? {
        var count = 0
        while peek(count) == quote { count += 1 }
        if count >= 3 {
            for _ in 0..<min(count - 3, 2) { scalars.append(Unicode.Scalar(quote)) }
            index += min(count, 5)
            return String(scalars)
        }
        for _ in 0..<count { scalars.append(Unicode.Scalar(quote)) }
        index += count
        return nil
    }

    private mutating func skipFirstNewline() throws(TOMLSyntaxError) {
        if let byte = peek(), byte == 0x0A || byte == 0x0D { try newline(expected: "a newline", found: byte) }
    }

    /// `\` at the end of a line in a multi-line basic string: the line break and the white space
    /// after it are dropped.
    private mutating func skipLineEndingBackslash() throws(TOMLSyntaxError) {
        skipBlanks()
        guard let byte = peek(), byte == 0x0A || byte == 0x0D else { throw error("'\\' is followed by text on the same line") }
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            if byte == 0x0A || byte == 0x0D { try newline(expected: "a newline", found: byte) } else { index += 1 }
        }
    }

    private mutating func escape() throws(TOMLSyntaxError) -> Unicode.Scalar {
        guard let byte = peek() else { throw error("a string is not closed") }
        index += 1
        switch byte {
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let length = byte == UInt8(ascii: "u") ? 4 : 8
            var value: UInt32 = 0
            for _ in 0..<length {
                guard let next = peek(), let digit = Self.hexDigit(next) else { throw error("\\\(Character(Unicode.Scalar(byte))) needs \(length) hex digits") }
                value = value << 4 | UInt32(digit)
                index += 1
            }
            guard let scalar = Unicode.Scalar(value) else { throw error("\\\(Character(Unicode.Scalar(byte))) names no Unicode scalar") }
            return scalar
        default: throw error("unknown escape '\\\(describe(byte))' in a string")
        }
    }

    /// One character of a string's text, with its UTF-8 decoded; control characters other than
    /// tab (and, in multi-line strings, line breaks) are refused, as TOML says.
    private mutating func appendCharacter(_ byte: UInt8, multiline: Bool, into scalars: inout String.UnicodeScalarView) throws(TOMLSyntaxError) {
        if byte == 0x0A || byte == 0x0D {
            guard multiline else { throw error("a string is not closed on its line") }
            if byte == 0x0D, peek(1) == 0x0A { scalars.append("\r") }
            try newline(expected: "a newline", found: byte)
            scalars.append("\n")
            return
        }
        guard byte >= 0x20 || byte == 0x09, byte != 0x7F else { throw error("a control character (\(describe(byte))) in a string") }
        guard byte >= 0x80 else {
            scalars.append(Unicode.Scalar(byte))
            index += 1
            return
        }
        let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        let end = min(index + length, bytes.count)
        var decoded = String(decoding: bytes[index..<end], as: UTF8.self).unicodeScalars
        if decoded.count > 1 { decoded = String.UnicodeScalarView(decoded.prefix(1)) }
        scalars.append(contentsOf: decoded)
        index = end
    }

    // MARK: - Helpers

    private static func isBareKey(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }

    private static func isScalar(_ byte: UInt8) -> Bool {
        isBareKey(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }

    private static func hexDigit(_ byte: UInt8) -> Int? {
        switch byte {
        case 0x30...0x39: Int(byte - 0x30)
        case 0x41...0x46: Int(byte - 0x41 + 10)
        case 0x61...0x66: Int(byte - 0x61 + 10)
        default: nil
        }
    }

    private func dotted(_ path: [String]) -> String {
        path.map { $0.utf8.allSatisfy(Self.isBareKey) && !$0.isEmpty ? $0 : "\"\($0)\"" }.joined(separator: ".")
    }

    private func describe(_ byte: UInt8) -> String {
        switch byte {
        case 0x0A: "a line break"
        case 0x0D: "a carriage return"
        case 0x21...0x7E: "'\(Character(Unicode.Scalar(byte)))'"
        default: "byte 0x\(String(byte, radix: 16, uppercase: true))"
        }
    }

    private func position() -> (line: Int, column: Int) {
        // Columns count characters, not bytes: continuation bytes are skipped.
        let column = bytes[lineStart..<min(index, bytes.count)].reduce(1) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return (line, column)
    }

    private func error(_ message: String) -> TOMLSyntaxError {
        let where_ = position()
        return TOMLSyntaxError(line: where_.line, column: where_.column, message: message)
    }
}
