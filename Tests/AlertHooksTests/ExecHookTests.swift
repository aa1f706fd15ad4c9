import AlertHooks
import Foundation
import Testing
import TestSupport

/// A real program as a hook: a shell script in a temporary directory that records what it got.
struct RecordingScript {
    let directory: TemporaryDirectory
    let path: String

    /// - Parameter failures: how many runs exit 1 (saying why on standard error) before runs succeed.
    init(in directory: TemporaryDirectory, failures: Int = 0, extra: String = "") {
        self.directory = directory
        path = directory.write("hook.sh", """
            #!/bin/sh
            dir='\(directory.path)'
            n=$(cat "$dir/runs" 2>/dev/null || echo 0)
            n=$((n + 1))
            echo "$n" > "$dir/runs"
            cat >> "$dir/stdin"
            printf '%s\\n' "$@" > "$dir/argv"
            env | grep '^FEEDWATCH_' | sort > "$dir/env"
            \(extra)
            if [ "$n" -le \(failures) ]; then
                echo "receiver not ready (run $n)" >&2
                exit 1
            fi
            exit 0

            """)
        chmod(path, 0o755)
    }

    func file(_ name: String) -> String { Self.read(directory.file(name)) }
    static func read(_ path: String) -> String { (try? String(contentsOfFile: path, encoding: .utf8)) ?? "" }
    var runs: Int { Int(file("runs").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 }
}

@Suite struct ExecHookTests {
    let directory = TemporaryDirectory()
    let delivery = HookDelivery(
        alertID: "60377b39cbef15300e34196aed20c21e", kind: "keyword.matched", tracker: "truce",
        json: #"{"article":{"content_hash":"0","id":1,"title":"Truce talks","url":"https://wire.example/1"},"id":"60377b39cbef15300e34196aed20c21e","kind":"keyword.matched","matched":["truce"],"tracker":"truce"}"#)

    @Test func theProgramGetsTheAlertLineItsArgumentsVerbatimAndTheAlertsVariables() async throws {
        let script = RecordingScript(in: directory)
        let hook = ExecHook(sink: "pager", command: [script.path, "two words", "$HOME", "; rm -rf /", "*"], timeout: .seconds(60))
        try await hook.deliver(delivery)
        #expect(script.file("stdin") == delivery.json + "\n")
        #expect(script.file("argv") == "two words\n$HOME\n; rm -rf /\n*\n", "no shell expanded or split anything")
        #expect(script.file("env") == """
            FEEDWATCH_ALERT_ID=60377b39cbef15300e34196aed20c21e
            FEEDWATCH_ALERT_KIND=keyword.matched
            FEEDWATCH_BODY=truce (truce): Truce talks
            FEEDWATCH_SINK=pager
            FEEDWATCH_TITLE=truce: Truce talks
            FEEDWATCH_TRACKER=truce

            """, "the body's second line, the link, is left out by grep")
    }

    @Test func aFeedAlertHasNoTrackerVariable() async throws {
        let script = RecordingScript(in: directory)
        var feedAlert = delivery
        feedAlert.kind = "feed.failing"
        feedAlert.tracker = nil
        try await ExecHook(sink: "pager", command: [script.path], timeout: .seconds(60)).deliver(feedAlert)
        #expect(!script.file("env").contains("FEEDWATCH_TRACKER"))
        #expect(script.file("env").contains("FEEDWATCH_ALERT_KIND=feed.failing"))
    }

    @Test func aNonZeroExitIsAFailureQuotingStandardError() async throws {
        let script = RecordingScript(in: directory, failures: 1)
        let hook = ExecHook(sink: "pager", command: [script.path], timeout: .seconds(60))
        await #expect(throws: HookFailure.exited(status: 1, stderr: "receiver not ready (run 1)")) {
            try await hook.deliver(delivery)
        }
        #expect(HookFailure.exited(status: 1, stderr: "receiver not ready (run 1)").description
            == "exited with status 1: receiver not ready (run 1)")
        try await hook.deliver(delivery)
        #expect(script.runs == 2)
    }

    @Test func aHangingProgramIsKilledWithItsChildrenAtTheTimeout() async throws {
        let marker = directory.file("survivor")
        let script = directory.write("hang.sh", "#!/bin/sh\n(sleep 3; touch '\(marker)') &\nsleep 30\n")
        chmod(script, 0o755)
        // Reported only once the program is killed and reaped: well before its 30 s sleep ends.
        await #expect(throws: HookFailure.timedOut(.seconds(1))) {
            try await ExecHook(sink: "slow", command: [script], timeout: .seconds(1)).deliver(delivery)
        }
        try await Task.sleep(for: .seconds(4))
        #expect(!FileManager.default.fileExists(atPath: marker), "the script's background child was killed too")
    }

    @Test func theTimeoutEndsTheDeliveryEvenWhenAGrandchildHoldsStandardErrorOpen() async throws {
        let pidFile = directory.file("grandchild")
        let script = directory.write("holder.sh", "#!/bin/sh\nsleep 60 &\necho $! > '\(pidFile)'\nexec sleep 60\n")
        chmod(script, 0o755)
        // Not killed, the script would exit 0 after 60 s, when both sleeps release standard error.
        await #expect(throws: HookFailure.timedOut(.seconds(1))) {
            try await ExecHook(sink: "slow", command: [script], timeout: .seconds(1)).deliver(delivery)
        }
        let grandchild = try #require(await pid(in: pidFile))
        #expect(await hasEnded(grandchild), "the background sleep was killed with its process group")
    }

    @Test func aProgramThatExitsIsDoneEvenIfItsBackgroundChildKeepsStandardErrorOpen() async throws {
        let pidFile = directory.file("child")
        let script = directory.write("detach.sh", "#!/bin/sh\nsleep 600 &\necho $! > '\(pidFile)'\nexit 0\n")
        chmod(script, 0o755)
        // Held until the background sleep closed standard error, it would time out instead.
        try await ExecHook(sink: "x", command: [script], timeout: .seconds(60)).deliver(delivery)
        if let child = await pid(in: pidFile) { kill(child, SIGKILL) }
    }

    @Test func cancellingTheDeliveryKillsTheProgramAndItsChildren() async throws {
        let pidFile = directory.file("child")
        let script = directory.write("stop.sh", "#!/bin/sh\nsleep 60 &\necho $! > '\(pidFile)'\nexec sleep 60\n")
        chmod(script, 0o755)
        let hook = ExecHook(sink: "x", command: [script], timeout: .seconds(300))
        let task = Task { [delivery] in try await hook.deliver(delivery) }
        let child = try #require(await pid(in: pidFile), "the script started its background sleep")
        task.cancel()
        let result = await task.result
        #expect(throws: HookFailure.cancelled) { try result.get() }
        #expect(await hasEnded(child), "the script's background child was killed too")
    }

    @Test func aMissingProgramSaysSo() async {
        await #expect(throws: HookFailure.cannotStart(program: "/nonexistent/notify", reason: "No such file or directory")) {
            try await ExecHook(sink: "x", command: ["/nonexistent/notify"], timeout: .seconds(60)).deliver(delivery)
        }
    }

    @Test func aFileThatIsNotExecutableSaysSo() async {
        let path = directory.write("notify.sh", "#!/bin/sh\nexit 0\n")
        chmod(path, 0o644)
        await #expect(throws: HookFailure.cannotStart(program: path, reason: "Permission denied")) {
            try await ExecHook(sink: "x", command: [path], timeout: .seconds(60)).deliver(delivery)
        }
    }

    @Test func aBareNameIsNotLookedUpInPath() async {
        // `true` is in every PATH; the command names a file, so this one is looked for in the working directory.
        await #expect(throws: HookFailure.cannotStart(program: "true", reason: "No such file or directory")) {
            try await ExecHook(sink: "x", command: ["true"], timeout: .seconds(60)).deliver(delivery)
        }
    }

    @Test func aProgramStillOpenForWritingIsRetriedUntilItIsFree() async throws {
        let script = directory.write("fresh.sh", "#!/bin/sh\nexit 0\n")
        chmod(script, 0o755)
        // While a writer holds the file open, exec fails with "Text file busy".
        let writer = open(script, O_WRONLY | O_CLOEXEC)
        #expect(writer >= 0)
        // A thread, not a task: closed on time even while other tests hold the cooperative pool.
        Thread {
            usleep(300_000)
            close(writer)
        }.start()
        let start = ContinuousClock.now
        try await ExecHook(sink: "x", command: [script], timeout: .seconds(60)).deliver(delivery)
        #expect(ContinuousClock.now - start >= .milliseconds(250), "it ran only once the writer had closed it")
    }

    @Test func aProgramThatIgnoresItsInputStillCounts() async throws {
        // Exits at once without reading a 1 MB alert: the write fails with EPIPE, the daemon lives on.
        var big = delivery
        big.json = String(repeating: "x", count: 1 << 20)
        try await ExecHook(sink: "x", command: ["/bin/true"], timeout: .seconds(60)).deliver(big)
        await #expect(throws: HookFailure.exited(status: 1, stderr: nil)) {
            try await ExecHook(sink: "x", command: ["/bin/false"], timeout: .seconds(60)).deliver(big)
        }
    }

    @Test func aProgramThatClosesItsInputAndExitsZeroStillCounts() async throws {
        // Still running when the write fails with EPIPE: its exit status decides.
        var big = delivery
        big.json = String(repeating: "x", count: 1 << 20)
        let script = directory.write("closer.sh", "#!/bin/sh\nexec 0<&-\nsleep 0.3\nexit 0\n")
        chmod(script, 0o755)
        try await ExecHook(sink: "x", command: [script], timeout: .seconds(60)).deliver(big)
    }

    @Test func theProgramStartsWithDefaultSignals() async throws {
        // The daemon ignores SIGHUP's default action to trap it; the program must not inherit that.
        let previous = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, previous) }
        let script = directory.write("hup.sh", "#!/bin/sh\nkill -HUP $$\nsleep 5\n")
        chmod(script, 0o755)
        await #expect(throws: HookFailure.killedBySignal(SIGHUP, stderr: nil)) {
            try await ExecHook(sink: "x", command: [script], timeout: .seconds(60)).deliver(delivery)
        }
    }

    @Test func noDescriptorOfTheDaemonLeaksIntoTheProgram() async throws {
        let inheritable = open("/etc/hostname", O_RDONLY)
        defer { close(inheritable) }
        let script = directory.write("fds.sh", "#!/bin/sh\nls /proc/self/fd > '\(directory.file("fds"))'\n")
        chmod(script, 0o755)
        try await ExecHook(sink: "x", command: [script], timeout: .seconds(60)).deliver(delivery)
        let fds = (try String(contentsOfFile: directory.file("fds"), encoding: .utf8)).split(separator: "\n").compactMap { Int($0) }
        // 0, 1, 2 and the descriptor `ls` opened to read the directory.
        #expect(fds.filter { $0 > 3 }.isEmpty, "descriptors: \(fds)")
    }
}

/// The process id a script wrote to `path`, once it is there (waiting up to 30 s).
func pid(in path: String) async -> Int32? {
    for _ in 0..<300 {
        let text = RecordingScript.read(path)
        if text.hasSuffix("\n"), let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) { return pid }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return nil
}

/// Whether a process has ended: gone, or a zombie waiting for whoever reaps it (checked for 2 s).
func hasEnded(_ pid: Int32) async -> Bool {
    for _ in 0..<20 {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let name = stat.range(of: ") ", options: .backwards)
        else { return true }
        if stat[name.upperBound...].hasPrefix("Z") { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return false
}
