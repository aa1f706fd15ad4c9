import FeedModel
import Foundation
import Synchronization

/// Which feed bodies the daemon is reading right now, kept in a journal on its machine (beside an
/// SQLite database, else in the state directory: `Settings.inFlightDirectory`), so that the next
/// start knows what it was doing if the process died (a trap, a signal, the OOM killer).
///
/// The journal (`feedwatch.sqlite.inflight/journal`, in the directory `claim` gave) is a text file of `begin ID HASH` lines,
/// written before a body is parsed, and `end ID` lines, written once its articles and alerts
/// are stored; each line is one `write(2)` to a descriptor opened once, in append mode. A begin
/// without its end is a body that was being read. When nothing is being read and the journal
/// has grown past 64 kB, it is emptied. No `fsync`: a process crash keeps what was written (the
/// page cache survives it); only a power loss could lose a line, and that is no feed's fault.
/// Markers of earlier versions (one file per feed, named by its id) are still read.
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

    private struct Journal {
        /// The open journal; -1 until the first line, or when it cannot be opened.
        var descriptor: Int32 = -1
        /// Feeds begun and not yet ended by this process.
        var reading: Set<Int64> = []
        var bytes = 0
    }

    public let directory: String
    private let journal = Mutex(Journal())
    /// The size past which an idle journal is emptied.
    private static let emptyPast = 64 << 10

    public init(directory: String) {
        self.directory = directory
        lock = -1
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// The first of `directory`, `directory-2` … `directory-64` that no other live process holds,
    /// held by this one until it ends (an exclusive `flock` on its `lock` file, which the kernel
    /// releases when the process dies, however it dies). Daemons that share a state directory
    /// (several on one machine, with PostgreSQL) keep a journal each. One that starts takes over
    /// what dead ones left in every journal no live process holds, its own and the others', so a
    /// daemon that died in another slot is recovered from at the next start of any of them. All
    /// held: the first, unlocked.
    public static func claim(_ directory: String) -> InFlightMarkers {
        let slots = (1...64).map { $0 == 1 ? directory : "\(directory)-\($0)" }
        for (index, candidate) in slots.enumerated() {
            try? FileManager.default.createDirectory(atPath: candidate, withIntermediateDirectories: true)
            guard let lock = lock(candidate) else { continue }
            let markers = InFlightMarkers(directory: candidate, lock: lock)
            for other in slots[(index + 1)...] where FileManager.default.fileExists(atPath: other) {
                markers.takeOver(other)
            }
            return markers
        }
        return InFlightMarkers(directory: directory)
    }

    /// An exclusive `flock` on `directory`'s lock file, if no other process holds it.
    private static func lock(_ directory: String) -> Int32? {
        let lock = open(directory + "/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o640)
        guard lock >= 0 else { return nil }
        if flock(lock, LOCK_EX | LOCK_NB) == 0 { return lock }
        close(lock)
        return nil
    }

    /// Moves the leftovers of the journal in `directory`, unless a live process holds it, into
    /// this one's: written here first, then removed there, so a crash between the two leaves them
    /// in both (read twice, recovered once), never in neither.
    private func takeOver(_ directory: String) {
        guard let lock = Self.lock(directory) else { return }
        defer { close(lock) }
        let other = InFlightMarkers(directory: directory)
        let leftovers = other.leftovers()
        guard !leftovers.isEmpty else { return }
        journal.withLock { journal in
            for leftover in leftovers { append("begin \(leftover.feedID) \(leftover.bodyHash)\n", to: &journal) }
        }
        for leftover in leftovers { unlink("\(directory)/\(leftover.feedID)") }
        truncate(other.journalPath, 0)
    }

    /// The descriptor whose `flock` holds `directory` for this process (`claim`); -1: none.
    private let lock: Int32

    private init(directory: String, lock: Int32) {
        self.directory = directory
        self.lock = lock
    }


    deinit {
        journal.withLock { if $0.descriptor >= 0 { close($0.descriptor) } }
        if lock >= 0 { close(lock) }
    }

    /// Records that `feedID`'s body (by hash) is about to be read. Failing to write it costs only
    /// the quarantine's precision, never a feed, so errors are ignored.
    func begin(feedID: Int64, bodyHash: String) {
        journal.withLock { journal in
            journal.reading.insert(feedID)
            append("begin \(feedID) \(bodyHash)\n", to: &journal)
        }
    }

    /// The body is stored (or failed cleanly): nothing to quarantine.
    func end(feedID: Int64) {
        journal.withLock { journal in
            guard journal.reading.remove(feedID) != nil else { return }
            append("end \(feedID)\n", to: &journal)
            if journal.reading.isEmpty, journal.bytes > Self.emptyPast, ftruncate(journal.descriptor, 0) == 0 {
                journal.bytes = 0
            }
        }
    }

    /// Markers left by a process that died, oldest feed id first. Lines and files that are not
    /// markers are ignored.
    public func leftovers() -> [Leftover] {
        var found: [Int64: String] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] {
            guard let id = asciiInteger(name).flatMap(Int64.init(exactly:)), id > 0,
                  let data = FileManager.default.contents(atPath: "\(directory)/\(name)"),
                  let hash = Self.bodyHash(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
            else { continue }
            found[id] = hash
        }
        if let data = FileManager.default.contents(atPath: journalPath) {
            // Read as bytes: the journal runs to 64 kB, and splitting it as a String (by
            // Characters) or as `Data` slices was a tenth of the CPU of a start with nothing due.
            data.withUnsafeBytes { journal in
                for line in journal.split(separator: UInt8(ascii: "\n")) {
                    let fields = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
                    guard fields.count >= 2, let id = asciiInteger(String(decoding: fields[1], as: UTF8.self))
                        .flatMap(Int64.init(exactly:)), id > 0
                    else { continue }
                    switch (fields[0].elementsEqual("begin".utf8), fields[0].elementsEqual("end".utf8), fields.count) {
                    case (true, _, 3): if let hash = Self.bodyHash(fields[2]) { found[id] = hash }
                    case (_, true, 2): found[id] = nil
                    default: continue
                    }
                }
            }
        }
        return found.map { Leftover(feedID: $0.key, bodyHash: $0.value) }.sorted { $0.feedID < $1.feedID }
    }

    /// Forgets a leftover once it has been dealt with.
    public func clear(_ leftover: Leftover) {
        unlink("\(directory)/\(leftover.feedID)")
        journal.withLock { append("end \(leftover.feedID)\n", to: &$0) }
    }

    private var journalPath: String { "\(directory)/journal" }

    private func append(_ line: String, to journal: inout Journal) {
        if journal.descriptor < 0 {
            journal.descriptor = open(journalPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard journal.descriptor >= 0 else { return }
            var status = stat()
            journal.bytes = fstat(journal.descriptor, &status) == 0 ? Int(status.st_size) : 0
            // A line the last process may have left half written must not swallow the first one.
            if journal.bytes > 0 { append("\n", to: &journal) }
        }
        let bytes = Array(line.utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(journal.descriptor, $0.baseAddress, $0.count) }
        if written > 0 { journal.bytes += written }
    }

    /// A body hash as written: 64 lowercase hexadecimal digits.
    private static func bodyHash(_ bytes: some Collection<UInt8>) -> String? {
        guard bytes.count == 64, bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
        else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
