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
            try BoundStatement(insert, binding: "naïve — text", Int64.min, 7, 0.25, blob, none, "").execute()
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
            try BoundStatement(insert, binding: "once").execute()
            let error = #expect(throws: DatabaseError.self) { try BoundStatement(insert, binding: "once").execute() }
            #expect(error?.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE)
            #expect(error?.message?.contains("t.g") == true)
            try BoundStatement(insert, binding: "twice").execute()
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") == 2)
        }
    }

    @Test func aLookupLeavesNoStatementRunning() throws {
        try queue.write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO t (a) VALUES (?)")
            for value in 0..<3 { try BoundStatement(insert, binding: Int64(value)).execute() }
            let lookup = try db.cachedStatement(sql: "SELECT a FROM t ORDER BY a")
            #expect(try BoundStatement(lookup).firstRow { $0.int64(0) } == 0)
            #expect(try BoundStatement(lookup).firstRow { $0.value(0) } == 0.databaseValue)
            let none = try db.cachedStatement(sql: "SELECT a FROM t WHERE a = ?")
            #expect(try BoundStatement(none, binding: Int64(9)).firstRow { $0.int64(0) } == nil)
            // A statement left on a row would keep the table locked against dropping it.
            try db.execute(sql: "DROP TABLE t")
        }
    }
}
