import Testing

/// A suite trait that runs setup scripts before the suite's first test starts, so that
/// installing a peer the first time does not count against a test's time limit.
///
/// Swift Testing starts a test's `.timeLimit` clock around the test and its own traits,
/// but not around its suite's: a scope this trait provides for the whole suite runs first,
/// unclocked. Installing Chromium with `apt-get` can take minutes, which would otherwise
/// fail a browser test whose limit is two. The trait only does the work early; a script
/// that fails is not reported here but by each test, when it asks for what the script
/// provides (``PythonPeers/python``, ``SetupScript/ensure()``) and gets the error.
///
/// ```swift
/// @Suite("A browser chats", .timeLimit(.minutes(2)), .ownThread, .settingUp(.pythonPeers))
/// ```
public struct SettingUpTrait: SuiteTrait, TestScoping {
    /// The scripts to run, in order.
    public let scripts: [SetupScript]

    /// Once around the suite, not again around each of its tests.
    public var isRecursive: Bool { false }

    /// A scope for the suite itself, outside every test's time limit.
    public func scopeProvider(for test: Test, testCase: Test.Case?) -> Self? {
        test.isSuite ? self : nil
    }

    /// Runs the scripts on a thread of their own (they block, maybe for minutes), then the
    /// suite.
    public func provideScope(
        for test: Test,
        testCase: Test.Case?,
        performing function: @Sendable () async throws -> Void
    ) async throws {
        let scripts = scripts
        let executor = SerialQueueExecutor(label: "setting up: \(test.name)")
        await withTaskExecutorPreference(executor) {
            for script in scripts { try? script.ensure() }  // each test reports a failure
        }
        try await function()
    }
}

extension Trait where Self == SettingUpTrait {
    /// Runs `scripts` once before the suite's tests, outside their time limits.
    ///
    /// - Parameter scripts: Such as ``SetupScript/pythonPeers``.
    /// - Returns: The trait.
    public static func settingUp(_ scripts: SetupScript...) -> Self {
        SettingUpTrait(scripts: scripts)
    }
}
