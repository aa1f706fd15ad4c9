import Foundation
import GRDB
import GRDBSQLite

/// One run of a prepared statement whose values are bound through SQLite's C API. The write
/// stage binds some forty values for each article it stores (its row, its source, its figure
/// readings and alerts); GRDB's arguments box each value in an existential and convert it again
/// before binding it, which cost as much as SQLite's own work on those rows.
///
/// Values come as `BoundValue`s, whose type the caller's overload picks when it compiles: a
/// generic value (a parameter pack, an `Optional` conforming to a protocol) was bound through
/// witness tables instantiated at run time, a few hundred instructions a value.
///
/// For the statements of a write transaction GRDB opened, on a connection that has no transaction
/// observer (this store registers none), so that GRDB has nothing to learn from them. Every
/// parameter is bound, in the order of the statement's parameters (a count that differs throws,
/// so no value of an earlier run can stay bound); a value SQLite cannot take (text or a blob past
/// 2 GiB) throws, as does a failed step. A run resets the statement when it ends.
struct BoundStatement {
    private let statement: Statement
    private let handle: OpaquePointer
    private var index: Int32 = 0

    /// The statement with `values` bound to its parameters in order.
    init(_ statement: Statement, binding values: BoundValue...) throws {
        self.statement = statement
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
        let parameters = sqlite3_bind_parameter_count(handle)
        guard values.count == Int(parameters) else {
            throw DatabaseError(
                resultCode: .SQLITE_RANGE, message: "\(values.count) values for \(parameters) parameters", sql: statement.sql)
        }
        for value in values {
            switch value {
            case .null: try bindNull()
            case .integer(let number): try bind(number)
            case .real(let number): try bind(number)
            case .text(let text): try bind(text)
            case .blob(let data): try bind(data)
            }
        }
    }

    private mutating func bindNull() throws {
        index += 1
        try check(sqlite3_bind_null(handle, index))
    }

    private mutating func bind(_ value: String) throws {
        index += 1
        var value = value
        let index = index
        let code = try value.withUTF8 { bytes in
            guard let length = Int32(exactly: bytes.count) else { throw tooLarge() }
            // An empty string still binds text: a nil pointer would bind NULL.
            guard let base = bytes.baseAddress, length > 0 else { return sqlite3_bind_text(handle, index, "", 0, Self.transient) }
            return UnsafeRawPointer(base).withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                sqlite3_bind_text(handle, index, $0, length, Self.transient)
            }
        }
        try check(code)
    }

    private mutating func bind(_ value: Int64) throws {
        index += 1
        try check(sqlite3_bind_int64(handle, index, value))
    }

    private mutating func bind(_ value: Double) throws {
        index += 1
        try check(sqlite3_bind_double(handle, index, value))
    }

    private mutating func bind(_ value: Data) throws {
        index += 1
        let index = index
        let code = try value.withUnsafeBytes { bytes in
            guard let length = Int32(exactly: bytes.count) else { throw tooLarge() }
            guard let base = bytes.baseAddress, length > 0 else { return sqlite3_bind_zeroblob(handle, index, 0) }
            return sqlite3_bind_blob(handle, index, base, length, Self.transient)
        }
        try check(code)
    }

    /// Runs the statement to its end; how many rows it changed is `sqlite3_changes` (GRDB's
    /// `Database.changesCount`), its row id `Database.lastInsertedRowID`.
    func execute() throws {
        var code = sqlite3_step(handle)
        while code == SQLITE_ROW { code = sqlite3_step(handle) }
        guard code == SQLITE_DONE else { throw failure(code) }
        sqlite3_reset(handle)
    }

    /// The first row's columns read by `read`, or nil when there is none. The statement is reset
    /// before this returns: a statement left running keeps its tables locked against schema
    /// changes and `VACUUM`.
    func firstRow<T>(_ read: (Columns) throws -> T) throws -> T? {
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE {
            sqlite3_reset(handle)
            return nil
        }
        guard code == SQLITE_ROW else { throw failure(code) }
        defer { sqlite3_reset(handle) }
        return try read(Columns(handle: handle))
    }

    /// The columns of the current row.
    struct Columns {
        let handle: OpaquePointer

        func int64(_ column: Int32) -> Int64? {
            sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
        }

        /// The column as GRDB reads it.
        func value(_ column: Int32) -> DatabaseValue {
            DatabaseValue(sqliteStatement: handle, index: column)
        }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let connection = sqlite3_db_handle(handle)
        let message = sqlite3_errmsg(connection).map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)), message: message, sql: statement.sql)
    }

    private func tooLarge() -> DatabaseError {
        DatabaseError(resultCode: .SQLITE_TOOBIG, message: "a value too large to store", sql: statement.sql)
    }

    /// SQLite copies the value before the bind returns.
    private static var transient: sqlite3_destructor_type { unsafeBitCast(-1, to: sqlite3_destructor_type.self) }
}

/// A value a `BoundStatement` binds: NULL, an integer, a real, text or a blob. Each `init` takes
/// one Swift type, nil binding NULL.
enum BoundValue {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    init(_ value: String?) { self = value.map { .text($0) } ?? .null }
    init(_ value: Int64?) { self = value.map { .integer($0) } ?? .null }
    init(_ value: Int?) { self = value.map { .integer(Int64($0)) } ?? .null }
    init(_ value: Double?) { self = value.map { .real($0) } ?? .null }
    init(_ value: Data?) { self = value.map { .blob($0) } ?? .null }

    /// A value as GRDB holds it (a content hash as `ContentHashColumn.stored` gives it).
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .double(let number): self = .real(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(data)
        }
    }
}
