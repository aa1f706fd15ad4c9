import Foundation
import GRDB
import Testing

@testable import FeedStorage

/// Stored dates read without GRDB's Calendar-based decoding give what GRDB's gave.
@Suite struct StoredDateTests {
    /// Every form this store or SQLite writes; the numbers GRDB reads as seconds since 1970; and
    /// fields out of range, which GRDB carries over (month 13 is January) and so does this.
    static let values: [DatabaseValue] = [
        "2026-12-01 22:09:05.123".databaseValue, "2026-12-01 22:09:05".databaseValue, "2026-12-01 22:09".databaseValue,
        "2026-12-01".databaseValue, "1970-01-01 00:00:00.000".databaseValue, "1600-03-01 00:00:00.000".databaseValue,
        "9999-12-31 23:59:59.999".databaseValue, "2024-02-29 12:00:00.5".databaseValue, "2026-12-01T22:09:05.123".databaseValue,
        Int64(1_764_626_945).databaseValue, 1_764_626_945.25.databaseValue, "2026-13-01 00:00:00".databaseValue,
        "2026-12-01 25:00:00".databaseValue,
    ]

    @Test(arguments: values) func readsAsGRDBDoes(_ value: DatabaseValue) throws {
        let expected = try #require(Date.fromDatabaseValue(value))
        let read = try #require(SQLDate.date(value))
        #expect(abs(read.timeIntervalSince1970 - expected.timeIntervalSince1970) < 1e-6, "\(value)")
    }

    @Test func writtenDatesReadBackToTheSameString() throws {
        for seconds in [0.0, 1_764_626_945.123, 1_764_626_945.9996, -86_400.5, 253_402_300_799] {
            let stored = try #require(SQLDate.string(Date(timeIntervalSince1970: seconds)))
            let read = try #require(SQLDate.date(stored.databaseValue))
            #expect(SQLDate.string(read) == stored)
        }
    }

    /// Before 1582 GRDB's calendar is the Julian one; the store writes dates in the proleptic
    /// Gregorian calendar (`gmtime_r`), and now reads them back in it.
    @Test func datesBefore1582ReadInTheCalendarTheyWereWrittenIn() throws {
        let written = try #require(SQLDate.string(Date(timeIntervalSince1970: -62_135_596_800)))
        #expect(written == "0001-01-01 00:00:00.000")
        #expect(SQLDate.date(written.databaseValue)?.timeIntervalSince1970 == -62_135_596_800)
    }

    @Test(arguments: ["", "yesterday", "2026-12-01 22", "٢٠٢٦-١٢-٠١"])
    func whatNeitherReadsIsNil(_ text: String) {
        #expect(Date.fromDatabaseValue(text.databaseValue) == nil)
        #expect(SQLDate.date(text.databaseValue) == nil)
    }

    @Test func nullIsNoDate() {
        #expect(SQLDate.date(.null) == nil)
    }

    /// A feed's dates come back as they were stored, through `FeedRecord(row:)`'s own reading.
    @Test func aFeedKeepsItsDates() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE f (" + FeedRecord.columns.joined(separator: ", ") + ")")
        }
        let added = Date(timeIntervalSince1970: 1_764_626_945.123)
        let row = try queue.write { db -> Row? in
            var values = [DatabaseValue](repeating: .null, count: FeedRecord.columns.count)
            values[0] = 1.databaseValue
            values[1] = "https://example.org/feed".databaseValue
            values[3] = false.databaseValue
            values[5] = "[]".databaseValue
            values[6] = SQLDate.string(added).databaseValue
            values[10] = "2026-12-01 22:09:05".databaseValue
            values[14] = 0.databaseValue
            values[15] = "2026-12-02".databaseValue
            let marks = Array(repeating: "?", count: values.count).joined(separator: ", ")
            try db.execute(sql: "INSERT INTO f VALUES (\(marks))", arguments: StatementArguments(values))
            return try Row.fetchOne(db, sql: "SELECT " + FeedRecord.columns.joined(separator: ", ") + " FROM f")
        }
        let feed = try FeedRecord(row: try #require(row))
        #expect(SQLDate.string(feed.addedAt) == SQLDate.string(added))
        #expect(feed.lastFetchAt.flatMap(SQLDate.string) == "2026-12-01 22:09:05.000")
        #expect(feed.lastSuccessAt == nil)
        #expect(SQLDate.string(feed.nextFetchAt) == "2026-12-02 00:00:00.000")
        #expect(feed.pausedAt == nil)
    }
}
