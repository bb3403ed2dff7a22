import Foundation

/// A child process for tests, with its output captured to files (pipes could fill and
/// block a chatty daemon) and helpers to signal it and wait for its exit.
public final class RunningProcess: @unchecked Sendable {
    // @unchecked: Process is used from one test at a time; its state is read after exit.
    public let process = Process()
    public let stdoutURL: URL
    public let stderrURL: URL

    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], folder: URL) throws {
        stdoutURL = folder.appendingPathComponent("stdout-\(UUID().uuidString.prefix(6))")
        stderrURL = folder.appendingPathComponent("stderr-\(UUID().uuidString.prefix(6))")
        FileManager.default.createFile(atPath: stdoutURL.path, contents: nil)
        FileManager.default.createFile(atPath: stderrURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for key in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "JOURNAL_STREAM", "ENROLLD_SOCKET"] { env[key] = nil }
        // The test process may have set up libfprint's virtual readers for itself; a child
        // must see only what its test gives it.
        for key in ["FP_VIRTUAL_IMAGE", "FP_VIRTUAL_DEVICE", "FP_VIRTUAL_DEVICE_STORAGE", "FP_DRIVERS_WHITELIST"] { env[key] = nil }
        env.merge(environment) { $1 }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: stdoutURL)
        process.standardError = try FileHandle(forWritingTo: stderrURL)
        try process.run()
        Self.leash(process.processIdentifier)
    }

    /// A test process that crashes leaves its children running: an `enroll-crashwriter` once
    /// kept a core busy through the next CI run. A small shell beside each child kills it
    /// once this process is gone, and ends by itself when the child does. (PR_SET_PDEATHSIG
    /// would follow the spawning *thread*, which the concurrency pool may retire mid-test.)
    private static func leash(_ child: Int32) {
        let guardian = Process()
        guardian.executableURL = URL(fileURLWithPath: "/bin/sh")
        guardian.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null && kill -0 \(child) 2>/dev/null; do sleep 1; done; kill -0 \(getpid()) 2>/dev/null || kill -KILL \(child) 2>/dev/null"]
        guardian.standardInput = FileHandle.nullDevice
        guardian.standardOutput = FileHandle.nullDevice
        guardian.standardError = FileHandle.nullDevice
        try? guardian.run()
    }

    /// Runs to completion and returns (status, stdout, stderr).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], folder: URL) throws -> (Int32, String, String) {
        let running = try RunningProcess(executable, arguments, environment: environment, folder: folder)
        running.process.waitUntilExit()
        return (running.process.terminationStatus, running.stdout, running.stderr)
    }

    public var stdout: String { (try? String(contentsOf: stdoutURL, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOf: stderrURL, encoding: .utf8)) ?? "" }

    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for exit up to `timeout`; true if it exited.
    public func waitForExit(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        return !process.isRunning
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
