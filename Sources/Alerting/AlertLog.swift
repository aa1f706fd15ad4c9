import FeedModel
import Foundation
import Synchronization

/// The append-only alert log: one JSON object per line.
///
/// `append` returns only after the lines are written and `fsync`ed, so an alert counts as
/// raised only once it is on disk. A write that fails (a full disk, a file-size limit, an I/O
/// error) is undone: the file is truncated back to its last whole line, so the alerts can be
/// written again later without a torn or duplicated line. Appends from several processes (the
/// daemon and `feedwatch feed add`) are serialised with an advisory lock. A line cut short by a
/// crash is terminated before the next append, so it can never swallow the following alert.
public final class AlertLog: Sendable {
    public let path: String
    private let descriptor: Mutex<Int32>

    public init(path: String) throws(AlertLogError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o640)
        guard fd >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        descriptor = Mutex(fd)
        try terminatePartialLine()
    }

    deinit {
        descriptor.withLock { fd in
            if fd >= 0 { close(fd) }
        }
    }

    /// Writes the alerts as lines and flushes them to disk.
    public func append(_ alerts: [EncodedAlert]) throws(AlertLogError) {
        guard !alerts.isEmpty else { return }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(alerts.reduce(0) { $0 + $1.line.utf8.count + 1 })
        for alert in alerts {
            bytes.append(contentsOf: alert.line.utf8)
            bytes.append(0x0A)
        }
        try write(bytes)
    }

    /// Encodes and appends alerts (for callers that hold no encoded form).
    public func append(_ alerts: [Alert]) throws(AlertLogError) {
        try append(alerts.map(EncodedAlert.init))
    }

    /// Which of `ids` are already in the log. Only the tail is read: alerts awaiting
    /// confirmation after a crash are always the last ones written.
    public func loggedIDs(among ids: Set<String>, tailBytes: Int = 8 << 20) -> Set<String> {
        guard !ids.isEmpty, let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > UInt64(tailBytes) ? size - UInt64(tailBytes) : 0
        try? handle.seek(toOffset: start)
        guard let data = try? handle.readToEnd() else { return [] }
        var found: Set<String> = []
        for line in data.split(separator: UInt8(ascii: "\n")) {
            guard let alert = try? JSONDecoder().decode(IDOnly.self, from: Data(line)), ids.contains(alert.id) else { continue }
            found.insert(alert.id)
        }
        return found
    }

    private struct IDOnly: Decodable { var id: String }

    private func terminatePartialLine() throws(AlertLogError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        guard let size = try? handle.seekToEnd(), size > 0 else { return }
        try? handle.seek(toOffset: size - 1)
        if let last = try? handle.read(upToCount: 1), last != Data([0x0A]) {
            try write([0x0A])
        }
    }

    private func write(_ bytes: [UInt8]) throws(AlertLogError) {
        let path = self.path
        let failure: AlertLogError? = descriptor.withLock { fd in
            while flock(fd, LOCK_EX) != 0 {
                if errno != EINTR { return .writeFailed(path: path, reason: "cannot lock: \(String(cString: strerror(errno)))") }
            }
            defer { flock(fd, LOCK_UN) }
            let start = lseek(fd, 0, SEEK_END)
            guard start >= 0 else { return .writeFailed(path: path, reason: String(cString: strerror(errno))) }
            var problem: String?
            bytes.withUnsafeBytes { buffer in
                guard let base = buffer.baseAddress else { return }
                var offset = 0
                while offset < buffer.count {
                    let written = Foundation.write(fd, base + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        problem = String(cString: strerror(errno))
                        return
                    }
                    offset += written
                }
            }
            if problem == nil, fsync(fd) != 0 { problem = String(cString: strerror(errno)) }
            guard let problem else { return nil }
            // Undo the part that was written: the whole batch is retried later, so a partial
            // line or a line written twice would corrupt the log.
            if ftruncate(fd, start) != 0 {
                return .writeFailed(path: path, reason: "\(problem); and cannot truncate back: \(String(cString: strerror(errno)))")
            }
            return .writeFailed(path: path, reason: problem)
        }
        if let failure { throw failure }
    }
}

public enum AlertLogError: Error, Sendable, Equatable, CustomStringConvertible {
    case cannotOpen(path: String, reason: String)
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open alert log \(path): \(reason)"
        case .writeFailed(let path, let reason): "cannot write alert log \(path): \(reason)"
        }
    }
}
