import Foundation

/// How one test target's run ended, from the learner's point of view.
enum TestOutcome: Equatable, Sendable {
    /// Every test ran and passed.
    case passed
    /// The tests ran and at least one failed.
    case failed
    /// The test process died (a trap: `fatalError`, a force unwrap of `nil`, an index out
    /// of range), taking the remaining tests with it.
    case crashed
    /// The tests ran past the time limit and were stopped: usually a loop that never ends
    /// or a read that waits for bytes that never come.
    case timedOut
    /// The run succeeded without running a single test: the filter matched nothing. This
    /// is the grader's (or the catalog's) fault, never a pass.
    case noTestsRan
}

/// Everything one run of one test target produced.
struct TestRun: Sendable {
    /// The test target, such as `E0302Tests`.
    var testTarget: String
    /// The verdict.
    var outcome: TestOutcome
    /// The xUnit report, if the run got far enough to write one.
    var report: XUnitReport?
    /// The event stream: test names, issue locations, unfinished tests.
    var events: TestEvents
    /// The raw output, for crashes.
    var output: String
    /// How long the run took.
    var duration: Duration

    /// How many tests ran.
    var testCount: Int { report?.testCases.count ?? 0 }
    /// How many of them failed.
    var failedCount: Int { report?.failedTests.count ?? 0 }
    /// Whether the run passed.
    var passed: Bool { outcome == .passed }

    /// The issues of the first failing test, with their source locations from the event
    /// stream, else the xUnit messages alone.
    var firstFailure: (test: String, issues: [TestEvents.Issue])? {
        if let first = events.issues.first {
            return (
                events.name(of: first.testID), events.issues.filter { $0.testID == first.testID }
            )
        }
        guard let failed = report?.failedTests.first else { return nil }
        let issues = failed.failures.map {
            TestEvents.Issue(testID: failed.name, fileID: "", line: 0, column: 0, message: $0)
        }
        return (failed.name, issues)
    }
}

/// Runs one exercise's tests in a process of its own and reads back what happened.
///
/// The command is `swift test --skip-build --disable-xctest --filter 'E0302Tests\.'
/// --xunit-output … --experimental-event-stream-output …`, with `SWIFT_BACKTRACE=enable=no`
/// so that a crashing test does not spend a minute symbolicating a backtrace nobody asked
/// for. `--disable-xctest` because the exercises use Swift Testing only: it saves launching
/// the test binary a second time for XCTest, and it makes Swift Testing write its xUnit
/// report to the path given (with XCTest enabled too, it would add `-swift-testing.xml`).
struct ExerciseRunner: Sendable {
    /// The package whose tests to run (already built).
    var package: URL
    /// Where the xUnit reports go.
    var reports: URL
    /// How long one test target may run.
    var timeLimit: Duration

    /// The default time limit: generous for a slow machine, short enough for a learner.
    static let defaultTimeLimit: Duration = .seconds(90)

    /// Runs the tests of `testTarget`.
    ///
    /// - Parameter testTarget: The test target's name, such as `E0302Tests`.
    /// - Returns: What happened.
    /// - Throws: If `swift` cannot be started, or the reports folder cannot be created.
    func run(testTarget: String) throws -> TestRun {
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let reportFile = reports.appending(path: "\(testTarget).xml")
        // Swift Testing adds this suffix when XCTest also runs.
        let suffixedReportFile = reports.appending(path: "\(testTarget)-swift-testing.xml")
        let eventsFile = reports.appending(path: "\(testTarget).events.jsonl")
        // Files left over from an earlier run must never be mistaken for this one's.
        for file in [reportFile, suffixedReportFile, eventsFile] {
            try? FileManager.default.removeItem(at: file)
        }
        let outcome = try ChildProcess(
            program: "swift",
            arguments: [
                "test", "--skip-build", "--disable-xctest",
                "--filter", "\(testTarget)\\.",
                "--xunit-output", reportFile.path,
                "--experimental-event-stream-output", eventsFile.path,
                "--experimental-event-stream-version", "0",
            ],
            directory: package,
            environment: ["SWIFT_BACKTRACE": "enable=no"],
            timeLimit: timeLimit
        ).run()
        let reportText =
            (try? String(contentsOf: reportFile, encoding: .utf8))
            ?? (try? String(contentsOf: suffixedReportFile, encoding: .utf8))
        let report = reportText.map(XUnitReport.init(parsing:))
        let events = TestEvents(
            parsing: (try? String(contentsOf: eventsFile, encoding: .utf8)) ?? ""
        )
        return TestRun(
            testTarget: testTarget,
            outcome: Self.verdict(process: outcome, report: report),
            report: report,
            events: events,
            output: outcome.output,
            duration: outcome.duration
        )
    }

    /// Decides the outcome from the witnesses: the exit status, what `swift test` said, and
    /// the report.
    ///
    /// The order matters. A timeout is ours, so it comes first. A crash shows as a report
    /// cut short (or none), a non-zero status, and `swift test` saying the test process
    /// "exited with unexpected signal code". Only then is the report believed, and a report
    /// with no tests is a failure of the grader: `swift test --filter X` exits 0 when `X`
    /// matches nothing ("No matching test cases were run"), which must never look like a pass.
    static func verdict(process: ChildProcessOutcome, report: XUnitReport?) -> TestOutcome {
        if process.timedOut { return .timedOut }
        let reportIsWhole = report?.isComplete ?? false
        if process.wasKilledBySignal
            || process.output.contains("exited with unexpected signal code")
            || (!process.succeeded && !reportIsWhole)
        {
            return .crashed
        }
        guard let report, !report.testCases.isEmpty else {
            return .noTestsRan
        }
        if !report.failedTests.isEmpty || !process.succeeded { return .failed }
        if report.testCases.contains(where: \.skipped) { return .failed }
        return .passed
    }
}
