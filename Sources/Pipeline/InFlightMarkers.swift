import FeedModel
import Foundation

/// Which feed bodies the daemon is reading right now, kept as one small file per feed in a
/// directory beside the database, so that the next start knows what it was doing if the process
/// died (a trap, a signal, the OOM killer).
///
/// A marker is written with a plain `write(2)` before a body is parsed and removed once its
/// articles and alerts are stored. No `fsync`: a process crash keeps what was written (the page
/// cache survives it); only a power loss could lose a marker, and that is no feed's fault.
public final class InFlightMarkers: Sendable {
    /// A body that was being read when the process stopped.
    public struct Leftover: Sendable, Equatable {
        public var feedID: Int64
        public var bodyHash: String

        public init(feedID: Int64, bodyHash: String) {
            self.feedID = feedID
            self.bodyHash = bodyHash
        }
    }

    public let directory: String

    public init(directory: String) {
        self.directory = directory
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The directory used for a database: `feedwatch.sqlite` → `feedwatch.sqlite.inflight/`.
    public convenience init(databasePath: String) {
        self.init(directory: databasePath + ".inflight")
    }

    /// Records that `feedID`'s body (by hash) is about to be read. Failing to write it costs only
    /// the quarantine's precision, never a feed, so errors are ignored.
    func begin(feedID: Int64, bodyHash: String) {
        let fd = open(path(feedID), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return }
        let line = Array("\(bodyHash)\n".utf8)
        _ = line.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        close(fd)
    }

    /// The body is stored (or failed cleanly): nothing to quarantine.
    func end(feedID: Int64) {
        unlink(path(feedID))
    }

    /// Markers left by a process that died, oldest feed id first. Files that are not markers are
    /// ignored.
    public func leftovers() -> [Leftover] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var found: [Leftover] = []
        for name in names {
            guard let id = asciiInteger(name).map(Int64.init), id > 0,
                  let data = FileManager.default.contents(atPath: "\(directory)/\(name)")
            else { continue }
            let hash = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard hash.utf8.count == 64, hash.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
            else { continue }
            found.append(Leftover(feedID: id, bodyHash: hash))
        }
        return found.sorted { $0.feedID < $1.feedID }
    }

    /// Forgets a leftover once it has been dealt with.
    public func clear(_ leftover: Leftover) {
        end(feedID: leftover.feedID)
    }

    private func path(_ feedID: Int64) -> String {
        "\(directory)/\(feedID)"
    }
}
