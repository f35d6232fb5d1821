import Foundation
import Sockets

/// What can go wrong while setting up a benchmark.
struct BenchError: Error, CustomStringConvertible {
    let description: String
}

/// Finding programs and files.
enum Tools {
    /// The full path of `program` on `PATH`.
    static func find(_ program: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BenchError(
            description: "\(program) not found: install it (apt-get install \(program))"
        )
    }

    /// The directory this executable lives in (where `swift build` put http-server too).
    static var buildDirectory: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
    }

    /// A port nobody listens on right now: bind port 0, read it back, close.
    static func freePort() throws -> UInt16 {
        let socket = try ListeningSocket(address: SocketAddress(numericHost: "127.0.0.1", port: 0))
        defer { socket.close() }
        return socket.localAddress.port
    }

    /// Runs `program` and returns its standard output; throws if it fails.
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchError(description: "\(program) \(arguments.joined(separator: " ")) failed")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The C reference server, built from Benchmarks/reference with `gcc -O2`.
struct ReferenceServer {
    let process: Process
    let port: UInt16

    static func start() throws -> ReferenceServer {
        let source = "Benchmarks/reference/cserver.c"
        guard FileManager.default.fileExists(atPath: source) else {
            throw BenchError(description: "\(source) not found: run from the repository root")
        }
        let binary = NSTemporaryDirectory() + "socketladder-cserver"
        _ = try Tools.run(try Tools.find("gcc"), ["-O2", "-o", binary, source])
        let port = try Tools.freePort()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["\(port)"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        try waitUntilListening(port: port)
        return ReferenceServer(process: process, port: port)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

/// Our http-server, the release build next to this executable.
struct OurServer {
    let process: Process
    let port: UInt16

    static func start(arguments: [String]) throws -> OurServer {
        let binary = Tools.buildDirectory.appendingPathComponent("http-server")
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["SOCKETLADDER_LOG"] = "warning"  // no per-request log lines
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        // The first line is `listening on 127.0.0.1:PORT`.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let byte = output.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty { throw BenchError(description: "http-server exited at start") }
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard
            let portText = text.split(separator: ":").last?.trimmingCharacters(
                in: .whitespacesAndNewlines
            ),
            let port = UInt16(portText)
        else { throw BenchError(description: "unexpected first line \(text.debugDescription)") }
        return OurServer(process: process, port: port)
    }

    func stop() {
        process.interrupt()
        process.waitUntilExit()
    }
}

/// Waits until something accepts connections on `port`.
func waitUntilListening(port: UInt16) throws {
    for _ in 0..<100 {
        if let connection = try? Connection.connect(
            to: SocketAddress(numericHost: "127.0.0.1", port: port)
        ) {
            connection.close()
            return
        }
        usleep(20_000)
    }
    throw BenchError(description: "nothing listens on port \(port)")
}
