import Foundation
import Testing
import TestSupport

/// A throw-away FeedWatch installation: its own database and alert log, driven through the
/// built `feedwatch` and `feedwatchd` exactly as a user drives them.
final class Installation: Sendable {
    let directory = TemporaryDirectory()
    var database: String { directory.file("state/feedwatch.sqlite") }
    var alertLog: String { directory.file("logs/alerts.jsonl") }
    var paths: [String] { ["--database", database, "--alert-log", alertLog] }

    @discardableResult
    func cli(_ arguments: String...) throws -> Programs.Result {
        try Programs.run("feedwatch", arguments + paths)
    }

    /// Runs the command and requires exit 0.
    @discardableResult
    func ok(_ arguments: String...) throws -> String {
        let result = try Programs.run("feedwatch", arguments + paths)
        #expect(result.status == 0, "feedwatch \(arguments.joined(separator: " ")): \(result.stderr)")
        return result.stdout
    }

    @discardableResult
    func once(all: Bool = true) throws -> Programs.Result {
        let result = try Programs.run("feedwatchd", ["--once"] + (all ? ["--all"] : []) + paths)
        #expect(result.status == 0, "feedwatchd --once: \(result.stderr)")
        return result
    }

    func json(_ arguments: String...) throws -> Any {
        let result = try Programs.run("feedwatch", arguments + ["--json"] + paths)
        #expect(result.status == 0, "feedwatch \(arguments.joined(separator: " ")) --json: \(result.stderr)")
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// `feedwatch status --json` (which exits 1 while no daemon runs) and its exit status.
    func status() throws -> (running: Bool, exit: Int32, json: [String: Any]) {
        let result = try Programs.run("feedwatch", ["status", "--json"] + paths)
        let json = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? [:]
        let running = (json["daemon"] as? [String: Any])?["running"] as? Bool ?? false
        return (running, result.status, json)
    }

    func alertLines() -> [[String: Any]] {
        guard let text = try? String(contentsOfFile: alertLog, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    func feeds() throws -> [[String: Any]] { try json("feed", "list") as? [[String: Any]] ?? [] }
    func articles() throws -> [[String: Any]] { try json("articles", "--limit", "1000") as? [[String: Any]] ?? [] }
    func alerts() throws -> [[String: Any]] { try json("alerts") as? [[String: Any]] ?? [] }
}
