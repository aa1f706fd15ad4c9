import Alerting
import FeedModel
import Foundation
import Testing
import TestSupport

@Suite struct AlertLogTests {
    let directory = TemporaryDirectory()

    func alert(_ id: String) -> Alert {
        Alert(id: id, time: "2026-11-23T10:00:00Z", kind: .keywordMatched, tracker: "ceasefire", matched: ["ceasefire"], excerpt: "A ceasefire.")
    }

    func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    @Test func appendsOneJSONObjectPerLine() throws {
        let path = directory.file("logs/alerts.jsonl")
        let log = try AlertLog(path: path)
        try log.append([alert("a"), alert("b")])
        try log.append([alert("c")])
        let written = try lines(path)
        #expect(written.count == 3)
        let decoded = try written.map { try AlertJSON.alert(from: $0) }
        #expect(decoded.map(\.id) == ["a", "b", "c"])
        #expect(decoded[0] == alert("a"))
        #expect(written[0].contains("\"tracker\":\"ceasefire\""))
        #expect(!written[0].contains("\"article\""))
    }

    @Test func aLineCutShortByACrashDoesNotSwallowTheNextAlert() throws {
        let path = directory.write("alerts.jsonl", "{\"id\":\"whole\"}\n{\"id\":\"cut sh")
        try AlertLog(path: path).append([alert("next")])
        let written = try lines(path)
        #expect(written.last.map { try? AlertJSON.alert(from: $0).id } == "next")
    }

    @Test func findsWhichAlertsAreAlreadyLogged() throws {
        let path = directory.file("alerts.jsonl")
        let log = try AlertLog(path: path)
        try log.append([alert("a"), alert("b")])
        #expect(log.loggedIDs(among: ["b", "z"]) == ["b"])
    }

    @Test func anUnwritableLocationIsReported() {
        #expect {
            try AlertLog(path: "/proc/feedwatch/alerts.jsonl")
        } throws: { error in
            guard case .cannotOpen(let path, _) = error as? AlertLogError else { return false }
            return path == "/proc/feedwatch/alerts.jsonl"
        }
    }
}
