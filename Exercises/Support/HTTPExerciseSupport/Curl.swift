import Foundation

/// A `curl` process talking to a server the test runs: a real, independent HTTP client.
///
/// The test starts curl, then plays the server on its own thread (accept, read, answer),
/// then calls ``finish()`` for curl's output. curl gives up after `--max-time 5`, so a
/// server that never answers costs five seconds, not a hang.
public final class Curl {
    private let process = Process()
    private let output = Pipe()
    private let errors = Pipe()
    /// The command line, for messages.
    public let commandLine: String

    /// What curl printed and how it ended.
    public struct Result: Sendable, CustomStringConvertible {
        /// curl's exit status: `0` when the transfer worked.
        public var status: Int32
        /// What curl wrote to standard output (with `-i`, the response head and body).
        public var output: String
        /// What curl wrote to standard error (with `-v`, the conversation).
        public var errors: String

        /// The exit status and both outputs.
        public var description: String {
            "curl exited with \(status)\n--- stdout\n\(output)\n--- stderr\n\(errors)"
        }
    }

    /// Why curl could not be started.
    public struct Missing: Error, CustomStringConvertible {
        /// How to get curl.
        public var description: String {
            "curl is needed by this test: install it (apt-get install curl), then grade again"
        }
    }

    /// Starts `curl --silent --show-error --max-time 5` with `arguments`.
    ///
    /// - Parameter arguments: Such as `["-i", "http://127.0.0.1:PORT/"]`.
    /// - Throws: ``Missing`` if curl is not installed, or what `Process.run()` throws.
    public init(_ arguments: [String]) throws {
        let candidates = ["/usr/bin/curl", "/usr/local/bin/curl", "/bin/curl"]
        guard let path = candidates.first(where: FileManager.default.isExecutableFile) else {
            throw Missing()
        }
        let all = ["--silent", "--show-error", "--max-time", "5"] + arguments
        commandLine = "curl " + all.joined(separator: " ")
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = all
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    /// Waits for curl to exit and returns what it printed.
    ///
    /// - Returns: The exit status and the outputs.
    public func finish() -> Result {
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self)
        )
    }
}
