import Foundation
import Libc
import Sockets
import SystemCalls
import TestSupport

/// A throw-away `redis-server` for one test: loopback only, a free port, no persistence,
/// a temporary directory; stopped by the test (and killed if the test forgets).
///
/// The first server of a test process runs `Scripts/setup-redis.sh` if `redis-server` is
/// not on the `PATH`, so a fresh clone needs nothing by hand; if it cannot be installed,
/// the test fails with the command that fixes it.
final class RedisServer: @unchecked Sendable {
    // Why `@unchecked Sendable` is safe: a test uses its server from one task at a time
    // (start, kill, restart, stop happen in the test's own sequence of steps); the
    // loops of the clients under test never touch it.

    /// The server's address, the same across restarts.
    let address: SocketAddress
    /// The port, for the address and for messages.
    var port: UInt16 { address.port }
    private let arguments: [String]
    private let directory: URL
    private var process: DemoProcess?

    /// Starts a server with `arguments` added to the throw-away configuration.
    ///
    /// - Parameter arguments: Such as `["--requirepass", "secret"]`.
    /// - Throws: ``TestRedisError`` if it is not installed or does not start.
    init(_ arguments: [String] = []) throws {
        try Self.ensureInstalled()
        self.arguments = arguments
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("redis-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var lastError: (any Error)?
        for _ in 0..<5 {
            let port = try Self.freePort()
            do {
                process = try Self.start(port: port, arguments: arguments, directory: directory)
                address = try SocketAddress(numericHost: "127.0.0.1", port: port)
                return
            } catch let error as TestRedisError where error.isPortTaken {
                lastError = error  // another test took the port in between: try another
            }
        }
        throw lastError ?? TestRedisError.failedToStart("no free port")
    }

    deinit {
        process?.kill()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Kills the server with `SIGKILL`: no goodbye to its clients, as in a crash.
    func kill() {
        process?.kill()
        process = nil
    }

    /// Starts the server again on the same port, after ``kill()``.
    func restart() throws {
        precondition(process == nil, "kill the server before restarting it")
        process = try Self.start(port: port, arguments: arguments, directory: directory)
    }

    /// Stops the server, and waits for it to exit.
    ///
    /// With `SIGKILL`, as ``kill()`` does: the server keeps nothing to save, and `SIGTERM`
    /// would not reach it. A child inherits the signal mask of the thread that starts it,
    /// and the test threads (libdispatch's) block nearly every signal, `SIGTERM` included;
    /// `redis-server` never unblocks it (`/proc/PID/status` shows it in `SigBlk`).
    func stop() {
        kill()
    }

    // MARK: Starting

    private static func start(
        port: UInt16,
        arguments: [String],
        directory: URL
    ) throws -> DemoProcess {
        let process = try DemoProcess(
            name: "redis-server",
            executable: URL(fileURLWithPath: try executable()),
            arguments: [
                "--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--dir", directory.path, "--logfile", "",
                "--loglevel", "notice", "--enable-debug-command", "local",
            ] + arguments
        )
        var output: [String] = []
        // The log says when it listens; only a few lines follow, so the unread pipe
        // never fills.
        while let line = try process.readLine(within: .seconds(20)) {
            output.append(line)
            if line.contains("Ready to accept connections") { return process }
        }
        let log = output.joined(separator: "\n") + process.standardError
        if log.contains("Address already in use") { throw TestRedisError.portTaken }
        throw TestRedisError.failedToStart(log)
    }

    /// A port nothing listens on now: bind to port 0, read the number, let it go.
    private static func freePort() throws -> UInt16 {
        let listener = try ListeningSocket(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        return listener.localAddress.port
    }

    // MARK: Installing

    private static let installation = Locked<Result<String, TestRedisError>?>(nil)

    /// The path of `redis-server`, installing it with `Scripts/setup-redis.sh` if needed.
    static func executable() throws -> String {
        try ensureInstalled()
    }

    @discardableResult
    private static func ensureInstalled() throws -> String {
        try installation.withLock { outcome in
            if let outcome { return try outcome.get() }
            let result = Result { () throws(TestRedisError) -> String in
                if let path = SetupScript.executableOnPath("redis-server") { return path }
                try runSetupScript()
                guard let path = SetupScript.executableOnPath("redis-server") else {
                    throw .notInstalled(
                        "Scripts/setup-redis.sh succeeded, yet redis-server is not on the PATH"
                    )
                }
                return path
            }
            outcome = result
            return try result.get()
        }
    }

    private static func runSetupScript() throws(TestRedisError) {
        let script = PythonPeers.packageRoot.appendingPathComponent("Scripts/setup-redis.sh")
        do {
            let process = try DemoProcess(name: "setup-redis.sh", executable: script, arguments: [])
            let output = String(
                decoding: try process.readOutputToEnd(within: .seconds(900)),
                as: UTF8.self
            )
            let ending = try process.waitForExit(within: .seconds(30))
            guard ending == .exited(0) else {
                throw TestRedisError.notInstalled(output + process.standardError)
            }
        } catch let error as TestRedisError {
            throw error
        } catch {
            throw .notInstalled("\(error)")
        }
    }
}

/// Why a test's Redis server could not run.
enum TestRedisError: Error, CustomStringConvertible {
    case notInstalled(String)
    case portTaken
    case failedToStart(String)

    var isPortTaken: Bool {
        if case .portTaken = self { return true }
        return false
    }

    var description: String {
        switch self {
        case .notInstalled(let output):
            """
            redis-server is not installed and Scripts/setup-redis.sh could not install it:
            \(output)
            Install it as root (Debian's package), then run the tests again:
                sudo \(PythonPeers.packageRoot.path)/Scripts/setup-redis.sh
            """
        case .portTaken: "the port was taken before redis-server could bind it"
        case .failedToStart(let log): "redis-server did not start:\n\(log)"
        }
    }
}
