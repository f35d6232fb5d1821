import DemoSupport
import Foundation
import Sockets

/// A demo server started as a child process on a free port, for the length of one run.
final class RunningServer {
    let process = Process()
    let address: SocketAddress

    /// Starts `executable --port 0 ...` and reads its `listening on HOST:PORT` line.
    init(executable: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--port", "0"] + arguments
        let output = Pipe()
        process.standardOutput = output
        var environment = ProcessInfo.processInfo.environment
        environment["SOCKETLADDER_LOG"] = "warning"
        process.environment = environment
        try process.run()
        var line: [UInt8] = []
        let handle = output.fileHandleForReading
        while line.last != UInt8(ascii: "\n") {
            let byte = handle.readData(ofLength: 1)
            guard let first = byte.first else { break }
            line.append(first)
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        guard text.hasPrefix("listening on ") else {
            process.terminate()
            throw SocketAddressError.missingPort(text)
        }
        address = try SocketAddress(parsing: String(text.dropFirst("listening on ".count)))
    }

    /// Stops the server with SIGTERM and waits for it.
    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
