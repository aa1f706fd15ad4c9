import FeedModel
import Foundation

/// Left-aligned columns for terminal listings; the last column is never padded.
///
/// Cells hold text from feeds and servers, so control characters in them are escaped: only the
/// line breaks a cell is built with (`"\n        error: …"`) reach the terminal.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []

    init(_ header: String...) { self.header = header }

    mutating func add(_ row: String...) {
        rows.append(row.map { cell in cell.split(separator: "\n", omittingEmptySubsequences: false).map(TerminalText.escaped).joined(separator: "\n") })
    }

    func render() -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all {
            for (column, cell) in row.enumerated() where column < widths.count { widths[column] = max(widths[column], cell.count) }
        }
        return all.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
