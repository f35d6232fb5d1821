/// What `swift test` printed while Swift Testing ran: where each issue was recorded, and
/// which tests started but never finished.
///
/// The xUnit report (``XUnitReport``) is the grader's record of which tests ran and
/// failed, but it has no source locations, and a crash cuts it short before it names the
/// test that crashed. Swift Testing's console lines have both:
///
/// ```
/// ◇ Test "a client that resets does not stop the server" started.
/// ✘ Test "echoes one client" recorded an issue at AcceptLoopTests.swift:31:9: Expectation failed: …
/// ↳ sent 6 bytes "hello\n", received 0 bytes
/// ✘ Test "echoes one client" failed after 0.002 seconds with 1 issue.
/// ```
///
/// The symbols (`◇ ✔ ✘ ↳`) can differ between platforms and terminals, so only the words
/// after them are matched.
struct TestTranscript: Sendable, Equatable {
    /// One recorded issue: a failed `#expect`, a failed `#require`, or an error a test threw.
    struct Issue: Sendable, Equatable {
        /// The test's display name: its sentence, or its function name.
        var test: String
        /// The file's name, such as `AcceptLoopTests.swift` (Swift Testing prints no folder).
        var file: String
        /// The line of the expectation.
        var line: Int
        /// The column of the expectation.
        var column: Int
        /// `Expectation failed: …` or `Caught error: …`.
        var message: String
        /// The lines after `↳`: the test's own comment, such as the bytes sent and received.
        var details: [String] = []

        /// `AcceptLoopTests.swift:31`.
        var location: String { "\(file):\(line)" }
    }

    /// Every issue, in the order they were printed.
    var issues: [Issue] = []
    /// Tests that printed "started", in order.
    var startedTests: [String] = []
    /// Tests that printed "passed", in order.
    var passedTests: [String] = []
    /// Tests that printed "failed" or "skipped", in order.
    var failedTests: [String] = []
    /// Whether Swift Testing or XCTest said the filter matched no test.
    var matchedNoTests = false
    /// `swift test`'s own line when the test process died of a signal, if it did.
    var crashReport: String?

    /// Tests that started and never finished: the one that crashed or hung.
    var unfinishedTests: [String] {
        startedTests.filter { !passedTests.contains($0) && !failedTests.contains($0) }
    }

    /// Reads `swift test`'s output.
    ///
    /// - Parameter output: Everything the process printed.
    init(parsing output: String) {
        let issueLine =
            #/ Test (?<test>.+?) recorded an issue(?: with .+?)? at (?<file>[^\s:]+):(?<line>\d+):(?<column>\d+): (?<message>.*)$/#
        let startedLine = #/ Test (?<test>.+) started\.$/#
        let finishedLine = #/ Test (?<test>.+?)(?: with \d+ test cases?)? (?<status>passed|failed|skipped)(?: after .*|:.*|\.)$/#
        var collectingDetails = false
        for rawLine in output.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = Self.removingTerminalColors(rawLine)
            if collectingDetails, let last = issues.indices.last {
                if let detail = Self.detail(in: line) {
                    issues[last].details.append(detail)
                    continue
                }
                collectingDetails = false
            }
            if let match = line.firstMatch(of: issueLine) {
                issues.append(
                    Issue(
                        test: String(match.test),
                        file: String(match.file),
                        line: Int(match.line) ?? 0,
                        column: Int(match.column) ?? 0,
                        message: String(match.message)
                    )
                )
                collectingDetails = true
            } else if line.contains(" Test run ") || line.contains(" Test case ") {
                continue  // the whole run, or one argument of a parameterized test
            } else if let match = line.firstMatch(of: startedLine) {
                startedTests.append(String(match.test))
            } else if let match = line.firstMatch(of: finishedLine) {
                if match.status == "passed" {
                    passedTests.append(String(match.test))
                } else {
                    failedTests.append(String(match.test))
                }
            } else if line.contains("No matching test cases were run") {
                matchedNoTests = true
            } else if line.contains("exited with unexpected signal code") {
                crashReport = line.trimmingSpaces
            }
        }
    }

    /// The text after `↳ `, or a continuation line indented by two spaces.
    private static func detail(in line: String) -> String? {
        let trimmed = line.drop { $0 == " " }
        if trimmed.hasPrefix("↳ ") { return String(trimmed.dropFirst(2)) }
        if line.hasPrefix("  ") && !trimmed.isEmpty { return String(trimmed) }
        return nil
    }

    /// Drops ANSI colour sequences (`ESC [ … m`), in case the output was coloured.
    static func removingTerminalColors(_ line: Substring) -> String {
        guard line.contains("\u{1B}") else { return String(line) }
        return String(line.replacing(#/\x1B\[[0-9;]*m/#, with: ""))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
