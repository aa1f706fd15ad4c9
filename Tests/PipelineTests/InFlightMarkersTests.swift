import Foundation
@testable import Pipeline
import Testing
import TestSupport

@Suite struct InFlightMarkersTests {
    let directory = TemporaryDirectory()
    let hash = String(repeating: "ab", count: 32)

    @Test func bodiesBegunAndNotEndedAreWhatTheNextStartFinds() {
        let path = directory.file("feedwatch.sqlite.inflight")
        let markers = InFlightMarkers(directory: path)
        #expect(markers.leftovers().isEmpty)
        markers.begin(feedID: 3, bodyHash: hash)
        markers.begin(feedID: 12, bodyHash: String(repeating: "cd", count: 32))
        markers.end(feedID: 3)
        // The process dies here: a new one reads what the journal says.
        let next = InFlightMarkers(directory: path)
        #expect(next.leftovers() == [.init(feedID: 12, bodyHash: String(repeating: "cd", count: 32))])
        next.clear(.init(feedID: 12, bodyHash: String(repeating: "cd", count: 32)))
        #expect(InFlightMarkers(directory: path).leftovers().isEmpty)
    }

    /// Daemons sharing a state directory (PostgreSQL) each claim a journal of their own; one that
    /// starts after a daemon died takes the dead one's and finds what it left.
    @Test func eachProcessClaimsAJournalOfItsOwn() {
        let path = directory.file("feedwatch.inflight")
        var first: InFlightMarkers? = InFlightMarkers.claim(path)
        let second = InFlightMarkers.claim(path)
        #expect(first?.directory == path)
        #expect(second.directory == path + "-2", "the first is held")
        first?.begin(feedID: 5, bodyHash: hash)
        second.begin(feedID: 6, bodyHash: hash)
        #expect(InFlightMarkers.claim(path).directory == path + "-3")
        first = nil  // the first daemon dies: its lock goes with it
        let next = InFlightMarkers.claim(path)
        #expect(next.directory == path)
        #expect(next.leftovers() == [.init(feedID: 5, bodyHash: hash)], "its leftovers, not the living daemon's")
    }

    /// A daemon that died in another slot than the one the next start takes is recovered from
    /// all the same; a living daemon's journal is left alone.
    @Test func aStartTakesOverEveryJournalNoLiveProcessHolds() {
        let path = directory.file("feedwatch.inflight")
        var first: InFlightMarkers? = InFlightMarkers.claim(path)
        var second: InFlightMarkers? = InFlightMarkers.claim(path)
        let third = InFlightMarkers.claim(path)
        #expect([first?.directory, second?.directory, third.directory] == [path, path + "-2", path + "-3"])
        second?.begin(feedID: 6, bodyHash: hash)
        third.begin(feedID: 7, bodyHash: hash)
        // The first stops cleanly and the second dies; the third lives on.
        first = nil
        second = nil
        let next = InFlightMarkers.claim(path)
        #expect(next.directory == path)
        #expect(next.leftovers() == [.init(feedID: 6, bodyHash: hash)], "the dead daemon's, not the living one's")
        #expect(InFlightMarkers(directory: path + "-2").leftovers().isEmpty, "taken over, once")
        #expect(InFlightMarkers(directory: path + "-3").leftovers() == [.init(feedID: 7, bodyHash: hash)])
    }

    @Test func anIdleJournalIsEmptiedOnceItHasGrown() throws {
        let markers = InFlightMarkers(directory: directory.file("feedwatch.sqlite.inflight"))
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
        #expect(InFlightMarkers(directory: directory.file("feedwatch.sqlite.inflight")).leftovers() == [.init(feedID: 7, bodyHash: hash)])
    }

    @Test func damagedLinesAndOtherFilesAreIgnoredAndEarlierMarkersStillRead() throws {
        let markers = InFlightMarkers(directory: directory.file("feedwatch.sqlite.inflight"))
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
