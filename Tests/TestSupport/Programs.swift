import Foundation
import Synchronization

/// The built `feedwatch` and `feedwatchd`, run as a user would run them.
public enum Programs {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The directory holding the built products (next to the test bundle).
    public static let productsDirectory: String = {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            if FileManager.default.isExecutableFile(atPath: directory.appendingPathComponent("feedwatch").path) {
                return directory.path
            }
            directory = directory.deletingLastPathComponent()
        }
        let fallback = FileManager.default.currentDirectoryPath + "/.build/debug"
        return fallback
    }()

    public static func path(_ name: String) -> String { productsDirectory + "/" + name }

    /// Runs a system program (an absolute path) to completion, capturing its output.
    public static func runSystem(_ executable: String, _ arguments: [String], timeout: TimeInterval = 60) throws -> Result {
        try run(makeProcess(executable: executable, arguments, environment: [:]), timeout: timeout)
    }

    /// Runs a program to completion (at most `timeout`), capturing its output.
    @discardableResult
    public static func run(
        _ name: String, _ arguments: [String], environment: [String: String] = [:], timeout: TimeInterval = 60
    ) throws -> Result {
        try run(makeProcess(executable: path(name), arguments, environment: environment), timeout: timeout)
    }

    private static func run(_ process: Process, timeout: TimeInterval) throws -> Result {
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = Locked(Data())
        let errData = Locked(Data())
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            outData.set(stdout.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            errData.set(stderr.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        group.wait()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData.get(), as: UTF8.self),
            stderr: String(decoding: errData.get(), as: UTF8.self))
    }

    /// A program with the test's environment, minus `FEEDWATCH_CONFIG`, plus `environment`.
    private static func makeProcess(executable: String, _ arguments: [String], environment: [String: String]) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["FEEDWATCH_CONFIG"] = nil
        for (key, value) in environment { env[key] = value }
        process.environment = env
        return process
    }

    /// Starts a long-running program; the caller stops it.
    public static func start(
        _ name: String, _ arguments: [String], output: String, environment: [String: String] = [:]
    ) throws -> Process {
        let process = makeProcess(executable: path(name), arguments, environment: environment)
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        let handle = FileHandle(forWritingAtPath: output)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// A value shared between threads under a lock.
public final class Locked<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    public init(_ value: Value) { storage = Mutex(value) }

    public func get() -> Value { storage.withLock { $0 } }

    public func set(_ value: Value) { storage.withLock { $0 = value } }

    @discardableResult
    public func update<Result>(_ body: (inout Value) -> Result) -> Result { storage.withLock { body(&$0) } }
}

extension Programs {
    /// Runs `work` on a thread of its own and waits for it without holding a thread of the
    /// cooperative pool. Running a program to completion blocks its thread until the program
    /// exits; a test that runs many in a row from an async context would hold one of the pool's
    /// threads (two on a two-core machine) for as long, and leave none to the other tests'
    /// waiting.
    public static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
        }
    }
}
