import Foundation

/// The independent implementations the interop tests talk to: Python programs in
/// `Tests/Peers`, run by `.venv-peers`, the virtual environment that
/// `Scripts/setup-python-peers.sh` makes from a pinned lock (`websockets`,
/// `python-socketio`, `python-engineio`, `aiohttp`).
///
/// The tests set it up themselves: the first use of ``python`` in a test process runs the
/// script (see ``SetupScript``), which installs the environment on a fresh clone, rebuilds
/// it when the lock has changed, and otherwise only checks it. A test that cannot have it
/// fails with the script's output and what to do; it is never skipped.
public enum PythonPeers {
    /// The package's root folder, found from this source file's place in it.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)  // Tests/TestSupport/PythonPeers.swift
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// The virtual environment's Python, with every pinned peer library installed.
    ///
    /// The first use in a process may take a while (about 10 s from a warm pip cache,
    /// longer from the network); later ones return at once.
    ///
    /// - Throws: ``SetupScriptError`` if the environment cannot be set up here.
    public static var python: URL {
        get throws(SetupScriptError) {
            try SetupScript.pythonPeers.ensure()
            return packageRoot.appendingPathComponent(".venv-peers/bin/python")
        }
    }

    /// Starts the peer `script` from `Tests/Peers` with `arguments`.
    ///
    /// - Parameters:
    ///   - script: The file name, such as `websockets_client.py`.
    ///   - arguments: Its command line.
    ///   - withInput: Give it a pipe as standard input, for the peers driven by commands.
    /// - Returns: The running peer, whose output the test reads line by line.
    /// - Throws: ``SetupScriptError`` without the virtual environment, or what starting
    ///   the process throws.
    public static func start(
        _ script: String,
        _ arguments: [String] = [],
        withInput: Bool = false
    ) throws -> DemoProcess {
        let path = packageRoot.appendingPathComponent("Tests/Peers/\(script)").path
        return try DemoProcess(
            name: script,
            executable: try python,
            arguments: ["-u", path] + arguments,
            withInput: withInput
        )
    }
}
