@testable import AlertHooks
import Foundation
import Testing
import TestSupport

/// What a hook's program run keeps of its standard error, which environment it gets, and when
/// its deadline strikes.
@Suite struct HookProgramTests {
    let directory = TemporaryDirectory()

    @Test func onlyTheFirst4KBOfStandardErrorAreKeptWhileAllOfItIsRead() async throws {
        // 1 MB on standard error, far past a pipe's capacity: the program ends only if it is read to the end.
        let script = directory.write("noisy.sh", "#!/bin/sh\nhead -c 1048576 /dev/zero | tr '\\0' 'e' >&2\nexit 3\n")
        chmod(script, 0o755)
        let outcome = try await HookProgram(arguments: [script], environmentChanges: [:], input: [], timeout: .seconds(30)).run()
        #expect(outcome.termination == .exited(3))
        #expect(outcome.stderr == [UInt8](repeating: UInt8(ascii: "e"), count: 4096))
    }

    @Test func theEnvironmentIsTheDaemonsWithTheChanges() async throws {
        let inherited = ProcessInfo.processInfo.environment.keys.filter { !["PATH", "PWD", "SHLVL", "_", "OLDPWD"].contains($0) }.sorted()
        let removed = try #require(inherited.first)
        let kept = try #require(inherited.last)
        #expect(removed != kept)
        let output = directory.file("env")
        let script = directory.write("env.sh", "#!/bin/sh\n/usr/bin/env > '\(output)'\n")
        chmod(script, 0o755)
        let changes: [String: String?] = [removed: nil, "FEEDWATCH_TITLE": "before\0after"]
        let outcome = try await HookProgram(arguments: [script], environmentChanges: changes, input: [], timeout: .seconds(30)).run()
        #expect(outcome.termination == .exited(0))
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        #expect(!lines.contains { $0.hasPrefix(removed + "=") })
        #expect(lines.contains { $0.hasPrefix(kept + "=") })
        #expect(lines.contains("FEEDWATCH_TITLE=before"), "a C environment ends the value at its NUL")
    }

    @Test func theDeadlineStrikesOnTimeWhileEveryThreadOfThePoolIsBusy() async throws {
        let marker = directory.file("survivor")
        let started = directory.file("started")
        let script = directory.write("late.sh", "#!/bin/sh\n(sleep 1; touch '\(marker)') &\ntouch '\(started)'\nexec sleep 30\n")
        chmod(script, 0o755)
        async let outcome = HookProgram(arguments: [script], environmentChanges: [:], input: [], timeout: .milliseconds(300)).run()
        for _ in 0..<300 where !FileManager.default.fileExists(atPath: started) { try await Task.sleep(for: .milliseconds(100)) }
        // Each pool thread blocked for 1.5 s (briefly: other tests share the pool): the kill at
        // 0.3 s cannot wait for one of them.
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<ProcessInfo.processInfo.activeProcessorCount { group.addTask { usleep(1_500_000) } }
        }
        #expect(try await outcome.termination == .timedOut)
        #expect(!FileManager.default.fileExists(atPath: marker), "the process group was killed before its child's 1 s was up")
    }
}
