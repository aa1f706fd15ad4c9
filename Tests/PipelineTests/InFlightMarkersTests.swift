import Foundation
@testable import Pipeline
import Testing
import TestSupport

@Suite struct InFlightMarkersTests {
    let directory = TemporaryDirectory()
    let hash = String(repeating: "ab", count: 32)

    @Test func bodiesBegunAndNotEndedAreWhatTheNextStartFinds() {
        let path = directory.file("feedwatch.sqlite")
        let markers = InFlightMarkers(databasePath: path)
        #expect(markers.directory == directory.file("feedwatch.sqlite.inflight"))
        #expect(markers.leftovers().isEmpty)
        markers.begin(feedID: 3, bodyHash: hash)
        markers.begin(feedID: 12, bodyHash: String(repeating: "cd", count: 32))
        markers.end(feedID: 3)
        // The process dies here: a new one reads what the journal says.
        let next = InFlightMarkers(databasePath: path)
        #expect(next.leftovers() == [.init(feedID: 12, bodyHash: String(repeating: "cd", count: 32))])
        next.clear(.init(feedID: 12, bodyHash: String(repeating: "cd", count: 32)))
        #expect(InFlightMarkers(databasePath: path).leftovers().isEmpty)
    }

    @Test func anIdleJournalIsEmptiedOnceItHasGrown() throws {
        let markers = InFlightMarkers(databasePath: directory.file("feedwatch.sqlite"))
        let journal = markers.directory + "/journal"
        for id in Int64(1)...1_000 {
            markers.begin(feedID: id, bodyHash: hash)
            markers.begin(feedID: id + 5_000, bodyHash: hash)
            markers.end(feedID: id + 5_000)
            markers.end(feedID: id)
        }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: journal)[.size] as? Int)
        #expect(size < 64 << 10 + 200, "emptied whenever nothing was being read past 64 kB")
        markers.begin(feedID: 7, bodyHash: hash)
        #expect(InFlightMarkers(databasePath: directory.file("feedwatch.sqlite")).leftovers() == [.init(feedID: 7, bodyHash: hash)])
    }

    @Test func damagedLinesAndOtherFilesAreIgnoredAndEarlierMarkersStillRead() throws {
        let markers = InFlightMarkers(databasePath: directory.file("feedwatch.sqlite"))
        // One file per feed, as earlier versions left them, and files that are not markers.
        try Data("\(hash)\n".utf8).write(to: URL(fileURLWithPath: markers.directory + "/42"))
        try Data("not a hash".utf8).write(to: URL(fileURLWithPath: markers.directory + "/8"))
        try Data(hash.utf8).write(to: URL(fileURLWithPath: markers.directory + "/٩"))
        try Data(hash.utf8).write(to: URL(fileURLWithPath: markers.directory + "/99999999999999999999999"))
        let lines = [
            "begin 7 \(hash)", "begin 9 \(hash.uppercased())", "begin -3 \(hash)", "begin ٣ \(hash)", "begin 5",
            "begin 99999999999999999999999 \(hash)", "end", "end x", "begin 11 \(hash) extra", "\u{0}\u{FFFF}", "begin 6 \(hash)",
            "end 6",
        ]
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: markers.directory + "/journal"))
        #expect(markers.leftovers() == [.init(feedID: 7, bodyHash: hash), .init(feedID: 42, bodyHash: hash)])
        markers.clear(.init(feedID: 42, bodyHash: hash))
        markers.clear(.init(feedID: 7, bodyHash: hash))
        #expect(markers.leftovers().isEmpty)
    }
}
