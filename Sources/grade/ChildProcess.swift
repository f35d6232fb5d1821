import Foundation
import Synchronization

/// What a finished child process left behind: how it ended and everything it printed.
struct ChildProcessOutcome: Sendable {
    /// The exit status, or the signal number if ``wasKilledBySignal``.
    var status: Int32
    /// Whether a signal ended the process (a crash, or our own kill after a timeout).
    var wasKilledBySignal: Bool
    /// Whether the grader stopped the process because it ran past its time limit.
    var timedOut: Bool
    /// Standard output and standard error, interleaved in the order they were written.
    var output: String
    /// How long the process ran.
    var duration: Duration

    /// Whether the process exited normally with status 0.
    var succeeded: Bool { !wasKilledBySignal && !timedOut && status == 0 }
}

/// Runs a program (`swift build`, `swift test`, `git`) as a child process, with a time limit.
///
/// Every exercise is graded in a process of its own, so that a learner's crash or endless
/// loop costs that exercise and not the whole run. The time limit is what turns "hangs
/// forever" into a result the grader can report.
///
/// Why a time limit needs care: `swift test` does not run the tests itself; it starts the
/// test binary as a child of its own, in a separate process group. Killing `swift test`
/// with `SIGKILL` would leave a hung test binary running forever. `SIGINT` (what Ctrl-C
/// sends) makes `swift test` cancel its children first, so that comes first; `SIGKILL`
/// follows only if the process is still there after a grace period.
struct ChildProcess {
    /// The program, looked up in `PATH` (through `/usr/bin/env`, which then replaces itself
    /// with it, so signals reach the program directly).
    var program: String
    /// The arguments after the program's name.
    var arguments: [String]
    /// The working directory.
    var directory: URL
    /// Variables added to (or replacing) the grader's own environment.
    var environment: [String: String] = [:]
    /// The longest the process may run; `nil` for no limit.
    var timeLimit: Duration? = nil
    /// Whether to copy the output to the grader's standard output as it arrives, for
    /// long builds where silence would look like a hang.
    var echoesOutput = false

    /// How long a process gets to stop after `SIGINT` before it is killed.
    static let gracePeriod: Duration = .seconds(5)

    /// The command as a person would type it, for messages.
    var commandLine: String {
        ([program] + arguments).map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
    }

    /// Starts the process and waits until it ends or its time limit passes.
    ///
    /// - Returns: How it ended and what it printed.
    /// - Throws: An error from Foundation if the program cannot be started at all.
    func run() throws -> ChildProcessOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        // Close-on-exec for both ends, so no *other* child started meanwhile (by a second
        // grading thread, or by a test running beside the grader's tests) inherits them
        // and holds our end of file back. The child still gets the write end as its
        // output: `dup2(2)` onto 1 and 2 clears the flag on the copies.
        for handle in [pipe.fileHandleForReading, pipe.fileHandleForWriting] {
            _ = fcntl(handle.fileDescriptor, F_SETFD, FD_CLOEXEC)
        }
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice

        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        let collector = OutputCollector(echoes: echoesOutput)
        let clock = ContinuousClock()
        let start = clock.now
        try process.run()
        // Our copy of the write end must go, or the reader would never see end of file.
        try? pipe.fileHandleForWriting.close()
        let reader = Thread { collector.readUntilEndOfFile(pipe.fileHandleForReading) }
        reader.start()

        var timedOut = false
        if let timeLimit {
            if ended.wait(timeout: .now() + timeLimit.timeInterval) == .timedOut {
                timedOut = true
                stop(process, ended: ended)
            }
        } else {
            ended.wait()
        }
        // A grandchild that outlived its parent may still hold the pipe open; do not wait
        // for it forever.
        if collector.waitForEndOfFile(timeout: .seconds(2)) == false {
            try? pipe.fileHandleForReading.close()
        }
        return ChildProcessOutcome(
            status: process.terminationStatus,
            wasKilledBySignal: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut,
            output: collector.text,
            duration: clock.now - start
        )
    }

    /// Asks the process to stop (`SIGINT`), then insists (`SIGKILL`).
    private func stop(_ process: Process, ended: DispatchSemaphore) {
        process.interrupt()
        if ended.wait(timeout: .now() + Self.gracePeriod.timeInterval) == .success { return }
        kill(process.processIdentifier, SIGKILL)
        ended.wait()
    }
}

/// Collects a child's output on a thread of its own, so a chatty child never blocks on a
/// full pipe while the grader waits for it to exit.
private final class OutputCollector: Sendable {
    private let bytes = Mutex(Data())
    private let finished = DispatchSemaphore(value: 0)
    private let echoes: Bool

    init(echoes: Bool) {
        self.echoes = echoes
    }

    var text: String {
        String(decoding: bytes.withLock { $0 }, as: UTF8.self)
    }

    func readUntilEndOfFile(_ handle: FileHandle) {
        defer { finished.signal() }
        while true {
            let chunk = handle.availableData
            if chunk.isEmpty { return }
            bytes.withLock { $0.append(chunk) }
            if echoes { FileHandle.standardOutput.write(chunk) }
        }
    }

    func waitForEndOfFile(timeout: Duration) -> Bool {
        finished.wait(timeout: .now() + timeout.timeInterval) == .success
    }
}

extension Duration {
    /// The duration in seconds, as Foundation and Dispatch take it.
    var timeInterval: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// `12.3 s`, for progress lines.
    var shortDescription: String {
        let seconds = timeInterval
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        if seconds < 120 { return String(format: "%.0f s", seconds) }
        return String(format: "%d min %02d s", Int(seconds) / 60, Int(seconds) % 60)
    }
}
