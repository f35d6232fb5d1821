import Foundation
import SystemCalls

/// A script in `Scripts/` that installs something the tests need, which the tests run
/// themselves the first time they need it, so that `swift test` works on a fresh clone.
///
/// Each script is idempotent (it does nothing when its work is done), and it runs at most
/// once per test process: the first test to ask runs it, and the others wait for that run
/// and share its outcome, success or failure. Several test processes may ask at once (two
/// test runs side by side, from two terminals or two build directories), so the run
/// happens under a ``FileLock`` on the script file itself: one process installs, the others
/// wait and then find the work done. (`Scripts/test.sh` runs the scripts before its tests.)
///
/// A script that fails becomes a ``SetupScriptError`` for every test that needed it, with
/// the script's own output and the command to run by hand: never a silent skip.
public struct SetupScript: Sendable {
    /// The script's file name in `Scripts/`, such as `setup-python-peers.sh`.
    public let name: String
    /// Whether the work is visibly done, checked before the script (which then need not
    /// start) and after it; `nil` when only the script itself can tell.
    private let isDone: (@Sendable () -> Bool)?
    /// What to do when the script fails, for the error message.
    private let advice: String
    /// The longest the script may take.
    private let timeLimit: Duration

    /// Sets up `.venv-peers`, the Python virtual environment with the pinned peers.
    ///
    /// `Scripts/setup-python-peers.sh` itself checks that the environment matches the lock
    /// `Conformance/requirements-peers.txt` and rebuilds it when it does not, so it runs
    /// once in every test process that uses a peer (0.2 s when all is well).
    public static let pythonPeers = SetupScript(
        name: "setup-python-peers.sh",
        isDone: nil,
        advice: """
            It needs Python 3.10 or newer (python3 on the PATH, or PYTHON3=/path/to/python3) \
            and access to PyPI. Run it by hand to see every step:
                \(PythonPeers.packageRoot.path)/Scripts/setup-python-peers.sh
            """,
        timeLimit: .seconds(900)  // the script gives pip 600 s
    )

    /// Installs Debian's Chromium for the browser test, when there is no `chromium` on the
    /// `PATH`.
    ///
    /// `Scripts/install-browser.sh` needs `apt-get` and root; without a password-free `sudo`
    /// it fails at once, and the message says what to type.
    public static let chromium = SetupScript(
        name: "install-browser.sh",
        isDone: { executableOnPath("chromium") != nil },
        advice: """
            Install it as root (on Debian it runs apt-get install chromium, then checks that \
            chromium runs headless):
                sudo \(PythonPeers.packageRoot.path)/Scripts/install-browser.sh
            """,
        timeLimit: .seconds(1200)  // the script gives apt-get 900 s
    )

    /// What each script's run ended with, in this process.
    private static let outcomes = Locked<[String: Result<Void, SetupScriptError>]>([:])

    /// Runs the script unless it has run in this process already, and throws if that run
    /// failed.
    ///
    /// It blocks until the work is done, possibly minutes the first time: call it from a
    /// test that runs on a thread of its own (`.ownThread`), or let ``SettingUpTrait`` do
    /// it before the suite's tests start.
    ///
    /// - Throws: ``SetupScriptError`` if the script failed, now or earlier in this process.
    public func ensure() throws(SetupScriptError) {
        if let outcome = recordedOutcome { return try outcome.get() }
        let path = PythonPeers.packageRoot.appendingPathComponent("Scripts/\(name)").path
        let outcome: Result<Void, SetupScriptError>
        do {
            outcome = try FileLock.withLock(on: path) {
                // Another thread of this process may have run it while we waited.
                if let outcome = recordedOutcome { return outcome }
                let outcome = Result { () throws(SetupScriptError) in
                    if isDone?() != true { try run(path) }
                }
                Self.outcomes.withLock { $0[name] = outcome }
                return outcome
            }
        } catch {
            throw .couldNotRun(script: name, reason: "\(error)")  // open or flock failed
        }
        try outcome.get()
    }

    /// How the script's run in this process ended, if it has run.
    private var recordedOutcome: Result<Void, SetupScriptError>? {
        Self.outcomes.withLock { $0[name] }
    }

    /// Runs the script at `path`, waiting at most ``timeLimit``.
    private func run(_ path: String) throws(SetupScriptError) {
        do {
            // Its standard input is /dev/null: a `sudo` in it fails rather than waiting
            // for a password nobody will type.
            let script = try DemoProcess(
                name: name,
                executable: URL(fileURLWithPath: path),
                arguments: []
            )
            let output = String(
                decoding: try script.readOutputToEnd(within: timeLimit),
                as: UTF8.self
            )
            let ending = try script.waitForExit(within: .seconds(30))
            guard ending == .exited(0) else {
                throw SetupScriptError.failed(
                    script: name,
                    ending: ending,
                    output: output + script.standardError,
                    advice: advice
                )
            }
            if isDone?() == false {
                throw SetupScriptError.failed(
                    script: name,
                    ending: ending,
                    output: output + script.standardError
                        + "(it succeeded, yet what it installs is still missing)\n",
                    advice: advice
                )
            }
        } catch let error as SetupScriptError {
            throw error
        } catch {
            throw .couldNotRun(script: name, reason: "\(error)")
        }
    }

    /// The first executable named `name` in the directories of `PATH`, as a shell finds it.
    ///
    /// - Parameter name: A program name, such as `chromium`.
    /// - Returns: Its path, or `nil` if no directory on the `PATH` has it.
    public static func executableOnPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Why a setup script could not provide what a test needs.
public enum SetupScriptError: Error, CustomStringConvertible {
    /// The script ran and failed; `output` is what it printed.
    case failed(script: String, ending: ChildExit, output: String, advice: String)
    /// The script could not be started, locked, or waited for.
    case couldNotRun(script: String, reason: String)

    /// What went wrong, the script's last lines, and what to do.
    public var description: String {
        switch self {
        case .failed(let script, let ending, let output, let advice):
            let lines = output.split(separator: "\n", omittingEmptySubsequences: false)
            let tail = lines.suffix(25).map { "    | \($0)" }.joined(separator: "\n")
            return """
                Scripts/\(script) failed (\(ending)), so the tests that need it cannot run. \
                It printed:
                \(tail)
                \(advice)
                """
        case .couldNotRun(let script, let reason):
            return "could not run Scripts/\(script): \(reason)"
        }
    }
}
