import Foundation
import TestSupport
import Testing

@testable import grade

@Suite(
    "Each test target runs in a process of its own, and its end is told apart",
    .serialized,
    .ownThread
)
struct ExerciseRunnerTests {
    @Test("tests that pass: passed, with every test counted")
    func passing() throws {
        let run = try FixturePackages.run("PassTests")
        #expect(run.outcome == .passed, "\(run.output)")
        #expect(run.testCount == 2)
        #expect(run.failedCount == 0)
        #expect(
            VerifyJudgement.starterProblems(run).count == 1,
            "a starter whose tests pass is not honest"
        )
    }

    @Test("a failed expectation: failed, with its file, line and the test's comment")
    func failing() throws {
        let run = try FixturePackages.run("FailTests")
        #expect(run.outcome == .failed)
        #expect(run.testCount == 2)
        #expect(run.failedCount == 1)
        let failure = try #require(run.firstFailure)
        let issue = try #require(failure.issues.first)
        #expect(failure.test == "\"an echo that lost its bytes\"")
        #expect(issue.fileName == "FailTests.swift")
        #expect(issue.line == 10)
        #expect(issue.details == ["sent 5 bytes \"hello\", received 0 bytes"])
        #expect(RunPresenter.firstProblem(run)?.contains("FailTests.swift:10") == true)
        let problems = VerifyJudgement.starterProblems(run)
        #expect(problems.contains { $0.contains("passes on the starter") })
        #expect(problems.contains { $0.contains("not with Unimplemented") })
    }

    @Test("a stub's error: failed, and exactly what verify wants from a starter")
    func stub() throws {
        let run = try FixturePackages.run("StubTests")
        #expect(run.outcome == .failed)
        #expect(run.failedCount == 2)
        #expect(
            VerifyJudgement.starterProblems(run).isEmpty,
            "\(VerifyJudgement.starterProblems(run))"
        )
        #expect(VerifyJudgement.solutionProblems(run, starterTestCount: 2).count == 2)
    }

    @Test("a trap: crashed, naming the test that was running and the trap's message")
    func crashing() throws {
        let run = try FixturePackages.run("CrashTests")
        #expect(run.outcome == .crashed)
        #expect(run.events.unfinishedTests.contains { $0.contains("an index out of range") })
        #expect(RunPresenter.crashLine(in: run.output)?.contains("Index out of range") == true)
        #expect(VerifyJudgement.starterProblems(run).first?.contains("crashes") == true)
    }

    @Test("a test that never ends: stopped at the time limit, naming the test")
    func hanging() throws {
        let start = ContinuousClock.now
        let run = try FixturePackages.run("HangTests", timeLimit: .seconds(3))
        #expect(run.outcome == .timedOut)
        #expect(ContinuousClock.now - start < .seconds(20), "stopping the hung test took too long")
        #expect(run.events.unfinishedTests.contains { $0.contains("never comes") })
    }

    @Test("a filter that matches nothing: no tests ran, which is never a pass")
    func noTests() throws {
        let run = try FixturePackages.run("NoSuchTests")
        #expect(run.outcome == .noTestsRan)
        #expect(run.testCount == 0)
        #expect(VerifyJudgement.starterProblems(run).first?.contains("no test ran") == true)
        #expect(VerifyJudgement.solutionProblems(run, starterTestCount: nil).count == 1)
    }

    @Test("a compile error: the build fails, and says which file and line")
    func compileError() throws {
        let package = try FixturePackages.copy(of: "Broken")
        let build = try PackageBuild(package: package).run()
        #expect(!build.succeeded)
        let error = try #require(build.errors.first, "\(build.output)")
        #expect(error.file.hasSuffix("Sources/Broken/Broken.swift"))
        #expect(error.line == 5)
        #expect(error.message.contains("String"))
    }
}
