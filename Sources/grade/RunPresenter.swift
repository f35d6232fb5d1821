import Foundation

/// Turns a ``TestRun`` into what a learner should read: the first failure with its file and
/// line, what the test saw on the wire, and which command to type next.
struct RunPresenter {
    /// Where the course is, to print paths relative to it.
    var layout: CourseLayout

    /// One line for the overview: mark, exercise, and how far along it is.
    static func summaryLine(_ exercise: Exercise, _ run: TestRun) -> String {
        let name = "\(exercise.id) \(exercise.slug)".padding(
            toLength: 30,
            withPad: " ",
            startingAt: 0
        )
        switch run.outcome {
        case .passed:
            return "\(Terminal.pass) \(name) \(run.testCount) of \(run.testCount) tests pass"
        case .failed:
            let passing = run.testCount - run.failedCount
            return "\(Terminal.fail) \(name) \(passing) of \(run.testCount) tests pass"
        case .crashed:
            return "\(Terminal.fail) \(name) crashed"
                + (run.events.unfinishedTests.first.map { " in \($0)" } ?? "")
        case .timedOut:
            return "\(Terminal.fail) \(name) stopped: ran past the time limit"
        case .noTestsRan:
            return "\(Terminal.warning) \(name) no test ran (a bug in the course: please report it)"
        }
    }

    /// The first thing to fix, in one line, or `nil` if the run passed.
    static func firstProblem(_ run: TestRun) -> String? {
        switch run.outcome {
        case .passed:
            return nil
        case .failed:
            guard let (test, issues) = run.firstFailure, let issue = issues.first else {
                return "the tests failed; run the exercise alone for the details"
            }
            let location = issue.line > 0 ? "\(issue.location): " : ""
            return "\(test) · \(location)\(shortened(issue.message))"
        case .crashed:
            return "the test process crashed" + (crashLine(in: run.output).map { ": \($0)" } ?? "")
        case .timedOut:
            return "the tests did not finish in time: a loop that never ends, or a read "
                + "that waits for bytes that never come?"
        case .noTestsRan:
            return "no test ran: the grader's filter matched nothing"
        }
    }

    /// Everything about one exercise's run.
    ///
    /// - Parameters:
    ///   - exercise: The exercise.
    ///   - run: Its test run.
    ///   - hintsSeen: How many hints the learner has seen, for the closing line.
    func showInFull(_ exercise: Exercise, _ run: TestRun, hintsSeen: Int) {
        Terminal.say(
            Terminal.bold("\(exercise.id) \(exercise.slug) · \(exercise.title)")
                + "  (\(exercise.difficulty))"
        )
        for file in exercise.files {
            Terminal.say(Terminal.dim("edit:  Exercises/\(exercise.directory)/\(file)"))
        }
        Terminal.say(
            Terminal.dim("tests: Exercises/\(exercise.directory)/Tests/\(exercise.testTarget)/")
        )
        Terminal.say()
        switch run.outcome {
        case .passed:
            showTests(exercise, run)
            Terminal.say()
            Terminal.say(
                "\(Terminal.pass) All \(run.testCount) tests pass (\(run.duration.shortDescription))."
            )
            return
        case .failed:
            showTests(exercise, run)
            Terminal.say()
            Terminal.say("\(Terminal.fail) \(run.failedCount) of \(run.testCount) tests fail.")
        case .crashed:
            showCrash(run)
        case .timedOut:
            showTimeout(run)
        case .noTestsRan:
            Terminal.say(
                "\(Terminal.warning) No test ran for \(run.testTarget): the grader's filter matched "
                    + "nothing. This is a bug in the course, not in your code; please report it."
            )
            return
        }
        Terminal.say()
        let nextHint = min(hintsSeen + 1, Hints.requiredCount)
        Terminal.say(
            "Stuck? " + Terminal.command("swift run grade hint \(exercise.id)")
                + Terminal.dim("  (hint \(nextHint) of \(Hints.requiredCount))")
        )
    }

    /// Passing tests in one line each, failing ones with their issues and what they said.
    private func showTests(_ exercise: Exercise, _ run: TestRun) {
        let events = run.events
        guard !events.startedTests.isEmpty else {
            showTestsFromReport(run)  // no event stream: fall back to the xUnit report
            return
        }
        for test in events.passedTests {
            Terminal.say("  \(Terminal.pass) \(test)")
        }
        for id in events.failedTestIDs {
            Terminal.say("  \(Terminal.fail) \(events.name(of: id))")
            show(events.issues.filter { $0.testID == id }, of: exercise)
        }
    }

    /// A test's issues, each once: a parameterized test can fail the same way for every
    /// argument, and twenty identical lines would hide the one that matters.
    private func show(_ issues: [TestEvents.Issue], of exercise: Exercise) {
        var shown: [(issue: TestEvents.Issue, count: Int)] = []
        for issue in issues {
            if let index = shown.firstIndex(where: {
                $0.issue.line == issue.line && $0.issue.message == issue.message
                    && $0.issue.details == issue.details
            }) {
                shown[index].count += 1
            } else {
                shown.append((issue, 1))
            }
        }
        for (issue, count) in shown.prefix(4) {
            let times = count > 1 ? Terminal.dim("  (×\(count))") : ""
            Terminal.say(
                "      \(Terminal.dim(issue.location))  \(Self.shortened(issue.message))\(times)"
            )
            for detail in issue.details {
                Terminal.say("        \(detail)")
            }
        }
        if shown.count > 4 {
            Terminal.say(Terminal.dim("      … and \(shown.count - 4) more"))
        }
    }

    private func showTestsFromReport(_ run: TestRun) {
        for testCase in run.report?.testCases ?? [] {
            let mark = testCase.failures.isEmpty ? Terminal.pass : Terminal.fail
            Terminal.say("  \(mark) \(testCase.qualifiedName)")
            for failure in testCase.failures {
                Terminal.say(Terminal.indent(failure, by: 6))
            }
        }
    }

    private func showCrash(_ run: TestRun) {
        let test = run.events.unfinishedTests.first.map { " while running \($0)" } ?? ""
        Terminal.say("\(Terminal.fail) The test process crashed\(test).")
        let lines = run.output.split(separator: "\n").map(String.init)
        let trap = lines.firstIndex { Self.isTrapLine($0) }
        if let trap {
            Terminal.say("  " + lines[trap].trimmingCharacters(in: .whitespaces))
        } else if let signal = lines.first(where: { $0.contains("exited with unexpected signal") })
        {
            Terminal.say("  " + signal.trimmingCharacters(in: .whitespaces))
        }
        Terminal.say(
            "  A crash is a trap: an index out of range, a force unwrap of nil, a failed "
                + "precondition, two accesses to one variable at once. It ends every test."
        )
        // What the tests themselves printed just before, without Swift Testing's own lines.
        let printed = lines[..<(trap ?? lines.count)].filter { line in
            !["◇", "✔", "✘", "↳", "➜", "[", "error: "].contains { line.hasPrefix($0) }
        }
        if !printed.isEmpty {
            Terminal.say("  The last lines the tests printed:")
            Terminal.say(
                Terminal.dim(Terminal.indent(printed.suffix(8).joined(separator: "\n"), by: 4))
            )
        }
    }

    private func showTimeout(_ run: TestRun) {
        Terminal.say(
            "\(Terminal.fail) The tests were stopped after \(run.duration.shortDescription)."
        )
        let unfinished = run.events.unfinishedTests
        if !unfinished.isEmpty {
            Terminal.say("  Still running: " + unfinished.joined(separator: ", "))
        }
        Terminal.say(
            "  Something waits forever: a loop that never ends, an accept or a read that "
                + "waits for a client or bytes that never come, a lock never released."
        )
    }

    /// `text`, cut to a few lines' worth: an expectation on a large value can print it whole.
    static func shortened(_ text: String, limit: Int = 400) -> String {
        text.count <= limit ? text : text.prefix(limit) + "…"
    }

    /// The line that says why a Swift program trapped, such as `Fatal error: Index out of range`.
    static func crashLine(in output: String) -> String? {
        output.split(separator: "\n").first { isTrapLine($0) }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    private static func isTrapLine(_ line: some StringProtocol) -> Bool {
        line.contains("Fatal error") || line.contains("Precondition failed")
            || line.contains("Assertion failed") || line.contains("Simultaneous accesses")
    }
}
