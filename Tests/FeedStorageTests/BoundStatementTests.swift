import Foundation
import GRDB
import Testing

@testable import FeedStorage

/// What the write stage binds through SQLite's C API reads back as GRDB would have stored it.
@Suite struct BoundStatementTests {
    let queue: DatabaseQueue

    init() throws {
        queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a, b, c, d, e, f, g UNIQUE)")
        }
    }

    @Test func everyKindOfValueKeepsItsType() throws {
        let blob = Data([0, 1, 2, 255])
        let row = try queue.write { db -> Row? in
            let insert = try db.cachedStatement(sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)")
            let none: String? = nil
            try BoundStatement(
                insert, binding: .init("naïve — text"), .init(Int64.min), .init(7), .init(0.25), .init(blob), .init(none), .init("")
            ).execute()
            return try Row.fetchOne(db, sql: "SELECT a, typeof(a) ta, b, c, typeof(c) tc, d, e, typeof(e) te, typeof(f) tf, g, typeof(g) tg FROM t")
        }
        let read = try #require(row)
        #expect(read["a"] as String == "naïve — text")
        #expect(read["ta"] as String == "text")
        #expect(read["b"] as Int64 == Int64.min)
        #expect(read["c"] as Int == 7)
        #expect(read["tc"] as String == "integer")
        #expect(read["d"] as Double == 0.25)
        #expect(read["e"] as Data == blob)
        #expect(read["te"] as String == "blob")
        #expect(read["tf"] as String == "null")
        // An empty string is text, not NULL.
        #expect(read["g"] as String == "")
        #expect(read["tg"] as String == "text")
    }

    @Test func aFailedStepThrowsSQLitesErrorAndTheStatementRunsAgain() throws {
        try queue.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO t (g) VALUES (?)")
            try BoundStatement(insert, binding: .init("once")).execute()
            let error = #expect(throws: DatabaseError.self) { try BoundStatement(insert, binding: .init("once")).execute() }
            #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE)
            #expect(error?.message?.contains("t.g") == true)
            try BoundStatement(insert, binding: .init("twice")).execute()
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") == 2)
        }
    }

    @Test func aLookupLeavesNoStatementRunning() throws {
        try queue.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO t (a) VALUES (?)")
            for value in 0..<3 { try BoundStatement(insert, binding: .init(Int64(value))).execute() }
            let lookup = try db.cachedStatement(sql: "SELECT a FROM t ORDER BY a")
            #expect(try BoundStatement(lookup).firstRow { $0.int64(0) } == 0)
            #expect(try BoundStatement(lookup).firstRow { $0.value(0) } == 0.databaseValue)
            let none = try db.cachedStatement(sql: "SELECT a FROM t WHERE a = ?")
            #expect(try BoundStatement(none, binding: .init(Int64(9))).firstRow { $0.int64(0) } == nil)
            // A statement left on a row would keep the table locked against dropping it.
            try db.execute(sql: "DROP TABLE t")
        }
    }

    @Test func everyRunBindsEveryParameterAfresh() throws {
        let stored = try queue.write { db -> [Row] in
            let insert = try db.cachedStatement(sql: "INSERT INTO t (a, b) VALUES (?, ?)")
            try BoundStatement(insert, binding: .init("first"), .init(Int64(1))).execute()
            // Nothing of the run before stays bound: nil is NULL, not the last value.
            let none: String? = nil
            try BoundStatement(insert, binding: .init(none), .init(DatabaseValue.null)).execute()
            try BoundStatement(insert, binding: .init(Data([9]).databaseValue), .init(2.5.databaseValue)).execute()
            return try Row.fetchAll(db, sql: "SELECT typeof(a) ta, typeof(b) tb FROM t ORDER BY rowid")
        }
        #expect(stored.map { [$0["ta"] as String, $0["tb"] as String] } == [["text", "integer"], ["null", "null"], ["blob", "real"]])
    }

    @Test func aValueCountThatDiffersFromTheParametersThrows() throws {
        try queue.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO t (a, b) VALUES (?, ?)")
            for values in [[BoundValue](), [.init("one")], [.init("one"), .init("two"), .init("three")]] {
                let error = #expect(throws: DatabaseError.self) {
                    switch values.count {
                    case 0: try BoundStatement(insert).execute()
                    case 1: try BoundStatement(insert, binding: values[0]).execute()
                    default: try BoundStatement(insert, binding: values[0], values[1], values[2]).execute()
                    }
                }
                #expect(error?.resultCode == .SQLITE_RANGE)
                #expect(error?.message == "\(values.count) values for 2 parameters")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") == 0)
        }
    }
}
