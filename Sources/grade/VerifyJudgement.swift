/// The rules a starter's and a solution's test runs must meet.
///
/// They are kept apart from the printing so that the grader's own tests can check them on
/// fixture runs.
enum VerifyJudgement {
    /// The words every stub's error carries, through `Unimplemented`'s description.
    static let stubMarker = "Unimplemented"

    /// Why a starter's run is not honest: every graded test must fail, and fail because
    /// the stub threw `Unimplemented` (not because of a crash, a hang, or a test that
    /// would fail whatever the learner wrote).
    ///
    /// - Parameter run: The starter's test run.
    /// - Returns: The problems; empty if the run is honest.
    static func starterProblems(_ run: TestRun) -> [String] {
        switch run.outcome {
        case .passed:
            return ["every test passes on the starter, which cannot tell a stub from a solution"]
        case .crashed:
            let test = run.events.unfinishedTests.first.map { " in \($0)" } ?? ""
            return ["the starter crashes the test process\(test); a stub must throw, never trap"]
        case .timedOut:
            return ["the starter's tests ran past the time limit; a test waits on the stub"]
        case .noTestsRan:
            return ["no test ran; is \(run.testTarget) in Exercises/Package.swift?"]
        case .failed:
            var problems: [String] = []
            for test in run.report?.testCases ?? [] {
                if test.failures.isEmpty {
                    problems.append("\(test.qualifiedName) passes on the starter")
                } else if !test.failures.contains(where: { $0.contains(stubMarker) }) {
                    let first = test.failures[0].split(separator: "\n").first ?? ""
                    problems.append(
                        "\(test.qualifiedName) fails, but not with Unimplemented: \(first)"
                    )
                }
            }
            return problems
        }
    }

    /// Why a solution's run does not prove the exercise solvable.
    ///
    /// - Parameters:
    ///   - run: The solution's test run.
    ///   - starterTestCount: How many tests ran on the starter; the same tests must run.
    /// - Returns: The problems; empty if every test passed.
    static func solutionProblems(_ run: TestRun, starterTestCount: Int?) -> [String] {
        var problems: [String] = []
        switch run.outcome {
        case .passed:
            break
        case .failed:
            for test in run.report?.failedTests ?? [] {
                problems.append("\(test.qualifiedName) fails: \(test.failures[0])")
            }
        case .crashed, .timedOut, .noTestsRan:
            problems.append(RunPresenter.firstProblem(run) ?? run.outcome.word)
        }
        if let starterTestCount, run.outcome == .passed, run.testCount != starterTestCount {
            problems.append(
                "\(run.testCount) tests ran on the solution but \(starterTestCount) on the starter"
            )
        }
        return problems
    }
}
