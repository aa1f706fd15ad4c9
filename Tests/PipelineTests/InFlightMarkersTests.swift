import Foundation
import Pipeline
import Testing
import TestSupport

@Suite struct InFlightMarkersTests {
    @Test func leftoversAreTheMarkersOfBodiesStillBeingRead() throws {
        let directory = TemporaryDirectory()
        let markers = InFlightMarkers(databasePath: directory.file("feedwatch.sqlite"))
        #expect(markers.directory == directory.file("feedwatch.sqlite.inflight"))
        #expect(markers.leftovers().isEmpty)
        let hash = String(repeating: "ab", count: 32)
        // What a dead process left, and files that are not markers (ignored, never trusted).
        try Data("\(hash)\n".utf8).write(to: URL(fileURLWithPath: markers.directory + "/42"))
        try Data("\(hash)\n".utf8).write(to: URL(fileURLWithPath: markers.directory + "/7"))
        try Data("not a hash".utf8).write(to: URL(fileURLWithPath: markers.directory + "/8"))
        try Data(hash.utf8).write(to: URL(fileURLWithPath: markers.directory + "/٩"))
        try Data(hash.utf8).write(to: URL(fileURLWithPath: markers.directory + "/99999999999999999999999"))
        #expect(markers.leftovers() == [.init(feedID: 7, bodyHash: hash), .init(feedID: 42, bodyHash: hash)])
        markers.clear(.init(feedID: 7, bodyHash: hash))
        #expect(markers.leftovers().map(\.feedID) == [42])
    }
}
