import Foundation
import Testing
import TestSupport

/// The alert log on a real full file system (a 64 kB tmpfs, which needs root, as CI and the
/// development machines run): no alert is lost, no half line stays in the log, `--once` fails
/// while alerts wait, `status` says how many and why, and they are written once there is room.
@Suite(.serialized, .enabled(if: getuid() == 0, "mounting a tmpfs needs root"))
struct FullDiskEndToEndTests {
    /// A tiny tmpfs at `path`, filled up to the last block by `filler`.
    final class FullFileSystem {
        let path: String
        var filler: String { path + "/filler" }

        init(at path: String) throws {
            self.path = path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            let mount = try Programs.runSystem("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", path])
            guard mount.status == 0 else { throw MountError(message: mount.stderr) }
        }

        /// Fills the file system to the last byte.
        func fill() {
            let fd = open(filler, O_WRONLY | O_CREAT | O_APPEND, 0o600)
            defer { close(fd) }
            let block = [UInt8](repeating: 0x2E, count: 1024)
            while block.withUnsafeBytes({ Foundation.write(fd, $0.baseAddress, $0.count) }) > 0 {}
            // Then byte by byte, so not even a short line fits.
            while Foundation.write(fd, block, 1) > 0 {}
        }

        func makeRoom() { unlink(filler) }

        deinit { _ = try? Programs.runSystem("/bin/umount", ["-l", path]) }
    }

    struct MountError: Error { var message: String }

    /// Twelve alerts: more than the free part of the log's last page, which a full tmpfs still lets a write use.
    static let stories = (1...12).map {
        HostileFeedsEndToEndTests.item("c\($0)", "Ceasefire talks, day \($0)", text: "A ceasefire was discussed for the \($0)th time.")
    }

    @Test func onceFailsWhileAlertsWaitAndWritesThemWhenThereIsRoom() throws {
        let install = Installation()
        let disk = try FullFileSystem(at: install.directory.file("logs"))
        let served = Locked(Array(Self.stories.prefix(1)))
        let server = try LoopbackHTTPServer { _ in HTTPResponse(text: SampleFeeds.rss(items: served.get())) }
        try install.ok("track", "keyword", "truce", "ceasefire")
        try install.ok("feed", "add", "--no-fetch", server.url("/wire.xml"))
        // The log holds one line already, so a torn or partial append would show.
        try install.once()
        let before = try String(contentsOfFile: install.alertLog, encoding: .utf8)
        #expect(before.split(separator: "\n").count == 1)
        served.set(Self.stories)
        disk.fill()

        let full = try Programs.run("feedwatchd", ["--once", "--all"] + install.paths)
        #expect(full.status == 1, "--once fails while alerts are not logged")
        #expect(full.stderr.contains("11 alerts are not in the alert log"), "\(full.stderr)")
        #expect(full.stderr.contains("No space left on device"))
        #expect(try String(contentsOfFile: install.alertLog, encoding: .utf8) == before, "the failed append left nothing behind")
        let status = try install.status().json
        let unlogged = status["unlogged_alerts"] as? [String: Any]
        #expect(unlogged?["count"] as? Int == 11)
        let text = try Programs.run("feedwatch", ["status"] + install.paths).stdout
        #expect(text.contains("11 alerts waiting to be written"))

        disk.makeRoom()
        try install.once()
        let lines = install.alertLines()
        #expect(lines.count == 12)
        #expect(Set(lines.compactMap { $0["id"] as? String }).count == 12, "each alert once")
        #expect((try install.status().json["unlogged_alerts"] as? [String: Any])?["count"] as? Int == 0)
    }

    @Test func theDaemonRetriesEveryCycleAndShowsWhy() async throws {
        let install = Installation()
        let disk = try FullFileSystem(at: install.directory.file("logs"))
        let server = try LoopbackHTTPServer { _ in HTTPResponse(text: SampleFeeds.rss(items: Self.stories)) }
        try install.ok("track", "keyword", "truce", "ceasefire")
        try install.ok("feed", "add", "--no-fetch", "--interval", "10s", server.url("/wire.xml"))
        disk.fill()
        let daemon = try Programs.start("feedwatchd", install.paths, output: install.directory.file("out"))
        defer { if daemon.isRunning { daemon.terminate() } }
        try await waitUntil("alerts waiting, with the reason") {
            let status = try install.status().json
            let unlogged = status["unlogged_alerts"] as? [String: Any]
            return unlogged?["count"] as? Int == 12 && (unlogged?["reason"] as? String)?.contains("No space left") == true
        }
        disk.makeRoom()
        try await waitUntil("the alerts written once there is room") { install.alertLines().count == 12 }
        try await waitUntil("the reason cleared") {
            (try install.status().json["unlogged_alerts"] as? [String: Any])?["reason"] == nil
        }
        #expect(daemon.isRunning)
        daemon.interrupt()
        try await waitUntil("exit") { !daemon.isRunning }
        let lines = (try? String(contentsOfFile: install.alertLog, encoding: .utf8)) ?? ""
        #expect(lines.split(separator: "\n").count == 12)
        #expect(lines.hasSuffix("\n"))
    }
}
