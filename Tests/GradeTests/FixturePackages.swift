import Foundation

@testable import grade

/// The fixture packages in `Fixtures/`, copied to `.build-grade/fixtures/` and built once
/// per test run.
///
/// Building in a copy keeps build products out of the source tree; keeping the copy between
/// runs (``TreeSync`` rewrites only changed files) makes every build after the first one
/// incremental, a second or two.
enum FixturePackages {
    /// The repository root: three folders above this file.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // GradeTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    /// A fixture's copy, brought up to date with its source.
    ///
    /// - Parameter name: `Mixed` or `Broken`.
    /// - Returns: The copy's folder.
    /// - Throws: File system errors.
    static func copy(of name: String) throws -> URL {
        let source = repository.appending(path: "Tests/GradeTests/Fixtures/\(name)")
        let copy = repository.appending(path: ".build-grade/fixtures/\(name)")
        try TreeSync.mirror(source, into: copy)
        return copy
    }

    /// The `Mixed` fixture, built; the same result for every test that asks.
    static let mixed: Result<URL, any Error> = Result {
        let package = try copy(of: "Mixed")
        let build = try PackageBuild(package: package).run()
        guard build.succeeded else {
            throw GradeError.toolFailed(command: "swift build --build-tests", output: build.output)
        }
        return package
    }

    /// Runs one test target of the `Mixed` fixture, as the grader runs an exercise.
    ///
    /// - Parameters:
    ///   - testTarget: The test target, or a name that matches none.
    ///   - timeLimit: How long the run may take.
    /// - Returns: The run.
    /// - Throws: If the fixture does not build.
    static func run(_ testTarget: String, timeLimit: Duration = .seconds(60)) throws -> TestRun {
        let package = try mixed.get()
        let runner = ExerciseRunner(
            package: package,
            reports: package.appending(path: ".build/grade-reports"),
            timeLimit: timeLimit
        )
        return try runner.run(testTarget: testTarget)
    }
}
