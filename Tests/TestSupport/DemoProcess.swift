import Dispatch
import Foundation
import Libc
import Sockets
import Synchronization
import SystemCalls

/// A demo program started by a test: its standard output read line by line, its standard
/// error kept in a file, its exit awaited with a time limit.
///
/// "The demos are tested by running the built executables": the tests start the very
/// program a learner runs, find it by the line it prints (`listening on 127.0.0.1:PORT`),
/// talk to it over loopback, signal it and check how it ends.
public final class DemoProcess {
    /// How a process ended: ``ChildExit``, `exited(status)` or `signalled(number)`.
    public typealias Termination = ChildExit

    /// The program's name, such as `chat-server`.
    public let name: String
    /// Its process ID, for `/proc/PID/...`.
    public let pid: Int32
    private let process: Process
    private let outputPipe: Pipe
    private let inputPipe: Pipe?
    private let errorFile: URL
    private let exited = DispatchSemaphore(value: 0)
    private var termination: Termination?
    private var pendingOutput: [UInt8] = []
    private var isOutputAtEnd = false

    /// The directory the tests and the demos were built into, such as `.build/debug`.
    ///
    /// `swift test` runs the test bundle from the build directory, so it is the directory
    /// of this process's own executable, as `/proc/self/exe` names it.
    public static var buildDirectory: URL {
        let path =
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        // On Darwin the executable sits inside the bundle: NAME.xctest/Contents/MacOS.
        while directory.path.contains(".xctest") { directory.deleteLastPathComponent() }
        return directory
    }

    /// The path of the demo `name`, which must have been built.
    ///
    /// - Parameter name: The executable's name.
    /// - Returns: Its path.
    /// - Throws: ``DemoProcessError/notBuilt(_:directory:)`` if it is missing.
    public static func executable(_ name: String) throws(DemoProcessError) -> URL {
        let url = buildDirectory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: url.path) else {
            throw .notBuilt(name, directory: buildDirectory.path)
        }
        return url
    }

    /// Starts the demo `name` with `arguments`.
    ///
    /// - Parameters:
    ///   - name: The executable, such as `echo-server`.
    ///   - arguments: Its command line, without the program name.
    ///   - withInput: Give it a pipe as standard input (see ``writeInput(_:)``); otherwise
    ///     it reads `/dev/null`.
    ///   - environment: Variables to set for it, beside the test's own.
    /// - Throws: ``DemoProcessError`` or what `Process.run()` throws.
    public convenience init(
        _ name: String,
        _ arguments: [String] = [],
        withInput: Bool = false,
        environment: [String: String] = [:]
    ) throws {
        try self.init(
            name: name,
            executable: try Self.executable(name),
            arguments: arguments,
            withInput: withInput,
            environment: environment
        )
    }

    /// Starts any program, such as a Python peer, watched like a demo.
    ///
    /// - Parameters:
    ///   - name: What messages call it, such as `websockets_server.py`.
    ///   - executable: The program to run.
    ///   - arguments: Its command line, without the program name.
    ///   - withInput: Give it a pipe as standard input; otherwise it reads `/dev/null`.
    ///   - environment: Variables to set for it, beside the test's own.
    /// - Throws: What `Process.run()` throws.
    public init(
        name: String,
        executable: URL,
        arguments: [String],
        withInput: Bool = false,
        environment: [String: String] = [:]
    ) throws {
        self.name = name
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        outputPipe = try ChildLaunch.pipe()
        process.standardOutput = outputPipe
        inputPipe = withInput ? try ChildLaunch.pipe() : nil
        process.standardInput = inputPipe ?? FileHandle.nullDevice
        // Standard error goes to a file: a pipe nobody reads would fill up (64 KiB) and
        // block a chatty server in the middle of a test.
        let errorFile = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString).stderr")
        self.errorFile = errorFile
        var inherited = ProcessInfo.processInfo.environment
        inherited["SOCKETLADDER_LOG"] = inherited["SOCKETLADDER_LOG"] ?? "info"
        inherited.merge(environment) { _, given in given }
        process.environment = inherited
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        var errorHandle: FileHandle?
        defer { try? errorHandle?.close() }  // the child has its own copy
        try ChildLaunch.run(process) { [process] in
            _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
            errorHandle = try FileHandle(forWritingTo: errorFile)
            process.standardError = errorHandle
        }
        pid = process.processIdentifier
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(at: errorFile)
    }

    /// The next line the program printed, without its newline; `nil` once its standard
    /// output has ended.
    ///
    /// - Parameter timeout: The longest wait.
    /// - Returns: The line, or `nil` at the end.
    /// - Throws: ``TestTimeout``.
    public func readLine(within timeout: Duration = .seconds(10)) throws -> String? {
        let deadline = Deadline(after: timeout)
        while true {
            if let newline = pendingOutput.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pendingOutput[..<newline], as: UTF8.self)
                pendingOutput.removeFirst(newline + 1)
                return line
            }
            if isOutputAtEnd {
                if pendingOutput.isEmpty { return nil }
                defer { pendingOutput.removeAll() }
                return String(decoding: pendingOutput, as: UTF8.self)
            }
            try readOutput(before: deadline, waitingFor: "a line from \(name)")
        }
    }

    /// Everything the program prints from now until its standard output ends.
    ///
    /// - Parameter timeout: The longest wait.
    /// - Returns: The bytes.
    /// - Throws: ``TestTimeout``.
    public func readOutputToEnd(within timeout: Duration = .seconds(10)) throws -> [UInt8] {
        let deadline = Deadline(after: timeout)
        while !isOutputAtEnd {
            try readOutput(before: deadline, waitingFor: "the end of \(name)'s output")
        }
        defer { pendingOutput.removeAll() }
        return pendingOutput
    }

    /// Reads the first line, which a server prints once it listens, and returns the
    /// address in it.
    ///
    /// - Parameter timeout: The longest wait.
    /// - Returns: The address from `listening on 127.0.0.1:41234`.
    /// - Throws: ``TestTimeout`` or ``DemoProcessError/unexpectedOutput(_:_:)``.
    public func listeningAddress(within timeout: Duration = .seconds(10)) throws -> SocketAddress {
        guard let line = try readLine(within: timeout) else {
            throw DemoProcessError.unexpectedOutput(name, "no output; stderr: \(standardError)")
        }
        let prefix = "listening on "
        guard line.hasPrefix(prefix),
            let address = try? SocketAddress(parsing: String(line.dropFirst(prefix.count)))
        else {
            throw DemoProcessError.unexpectedOutput(name, "first line \(line.debugDescription)")
        }
        return address
    }

    private func readOutput(before deadline: Deadline, waitingFor what: String) throws {
        let descriptor = FileDescriptor(rawValue: outputPipe.fileHandleForReading.fileDescriptor)
        let ready = try Poll.wait(
            for: descriptor,
            events: CShort(POLLIN),
            timeoutMilliseconds: deadline.remainingMilliseconds
        )
        if ready == 0 { throw TestTimeout(what) }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = try chunk.withUnsafeMutableBytes { (raw) throws(SystemCallError) in
            try descriptor.read(into: raw) ?? 0
        }
        if count == 0 { isOutputAtEnd = true }
        pendingOutput += chunk[0..<count]
    }

    /// Writes `bytes` to the program's standard input (started with `withInput: true`).
    ///
    /// - Parameter bytes: What to send; a large write waits until the program reads.
    /// - Throws: What `FileHandle.write(contentsOf:)` throws.
    public func writeInput(_ bytes: [UInt8]) throws {
        try inputPipe?.fileHandleForWriting.write(contentsOf: bytes)
    }

    /// Closes the program's standard input: it reads end-of-file.
    public func closeInput() {
        try? inputPipe?.fileHandleForWriting.close()
    }

    /// The write end of standard input, for a writer thread (started with `withInput: true`).
    public var inputHandle: FileHandle? { inputPipe?.fileHandleForWriting }

    /// What the program has written to standard error so far.
    public var standardError: String {
        (try? String(contentsOf: errorFile, encoding: .utf8)) ?? ""
    }

    /// Sends `SIGINT` (what Ctrl-C sends) or `SIGTERM` (what `kill` sends).
    ///
    /// - Parameter signalNumber: `SIGINT` or `SIGTERM`.
    public func send(_ signalNumber: CInt) {
        switch signalNumber {
        case SIGINT: process.interrupt()
        case SIGTERM: process.terminate()
        default: preconditionFailure("DemoProcess sends SIGINT or SIGTERM")
        }
    }

    /// Waits for the program to end.
    ///
    /// Foundation reports the end through a socket the child holds (see ``ChildLaunch``).
    /// Should another program hold a copy of it too, that report comes only once both
    /// have ended, so the wait also asks the kernel directly, every few milliseconds,
    /// with ``ChildExit/peek(pid:)``, which leaves the child for Foundation to reap.
    ///
    /// - Parameter timeout: The longest wait.
    /// - Returns: How it ended.
    /// - Throws: ``TestTimeout`` if it is still running.
    public func waitForExit(within timeout: Duration = .seconds(10)) throws -> Termination {
        if let termination { return termination }
        let deadline = Deadline(after: timeout)
        while true {
            if exited.wait(timeout: .now() + .milliseconds(10)) == .success {
                let ended: Termination =
                    process.terminationReason == .exit
                    ? .exited(process.terminationStatus) : .signalled(process.terminationStatus)
                termination = ended
                return ended
            }
            // Asked directly. ECHILD (nil here) means Foundation has just reaped it, and its
            // handler is on the way.
            if let ended = try? ChildExit.peek(pid: pid) {
                termination = ended
                return ended
            }
            if deadline.hasPassed { throw TestTimeout("\(name) to exit") }
        }
    }

    /// Whether the program is still running.
    public var isRunning: Bool { termination == nil && process.isRunning }

    /// Kills the program (`SIGKILL`) if it still runs: the clean-up after a failed test.
    public func kill() {
        guard isRunning else { return }
        _ = Libc.kill(pid, SIGKILL)  // test clean-up only; no wrapper needed in SystemCalls
        _ = try? waitForExit(within: .seconds(5))
    }
}

/// Why a demo could not be run or said something unexpected.
public enum DemoProcessError: Error, CustomStringConvertible {
    /// The executable is not in the build directory.
    case notBuilt(String, directory: String)
    /// The program printed something other than what the test expects.
    case unexpectedOutput(String, String)

    /// A message saying what to do.
    public var description: String {
        switch self {
        case .notBuilt(let name, let directory):
            "\(name) is not built in \(directory): run `swift build --build-tests` first"
        case .unexpectedOutput(let name, let detail): "\(name): \(detail)"
        }
    }
}
