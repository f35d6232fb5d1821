import Foundation

/// The independent implementations the interop tests talk to: Python programs in
/// `Tests/Peers`, run by the virtual environment that `Scripts/setup-python-peers.sh`
/// makes from a pinned lock (`.venv-peers`, with `websockets` and `python-socketio`).
///
/// The test command runs that script before `swift test`; a test run without it fails
/// with a message that says so, rather than skipping the peers silently.
public enum PythonPeers {
    /// The package's root folder, found from this source file's place in it.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)  // Tests/TestSupport/PythonPeers.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// Starts the peer `script` from `Tests/Peers` with `arguments`.
    ///
    /// - Parameters:
    ///   - script: The file name, such as `websockets_client.py`.
    ///   - arguments: Its command line.
    ///   - withInput: Give it a pipe as standard input, for the peers driven by commands.
    /// - Returns: The running peer, whose output the test reads line by line.
    /// - Throws: ``PythonPeersError/notSetUp(_:)`` without the virtual environment, or
    ///   what starting the process throws.
    public static func start(
        _ script: String,
        _ arguments: [String] = [],
        withInput: Bool = false
    ) throws -> DemoProcess {
        let python = packageRoot.appendingPathComponent(".venv-peers/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw PythonPeersError.notSetUp(python.path)
        }
        let path = packageRoot.appendingPathComponent("Tests/Peers/\(script)").path
        return try DemoProcess(
            name: script,
            executable: python,
            arguments: ["-u", path] + arguments,
            withInput: withInput
        )
    }
}

/// Why a Python peer could not start.
public enum PythonPeersError: Error, CustomStringConvertible {
    /// `.venv-peers` is missing.
    case notSetUp(String)

    /// A message saying what to do.
    public var description: String {
        switch self {
        case .notSetUp(let python):
            "no \(python): run Scripts/setup-python-peers.sh (Scripts/test.sh does)"
        }
    }
}
