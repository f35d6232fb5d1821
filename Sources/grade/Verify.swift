import Foundation

/// `swift run grade verify`: proves, for maintainers and CI, that every exercise is honest
/// (its starter fails every graded test, and fails because of the stub) and solvable (its
/// solution passes every one).
///
/// It works on a copy of the *committed* tree, never the working tree: an uncommitted
/// solution left in a starter file must not make CI green. The copy lives in
/// `.build-grade/verify-tree` and is updated in place (``TreeSync``), so a second run
/// reuses the first one's build:
///
/// ```
///   git archive HEAD ──▶ verify-tree ──▶ build ──▶ test: every test fails with Unimplemented
///                                                      │
///          Solutions/ laid over the starters ──▶ rebuild (only the exercises)
///                                                      ╰──▶ test: every test passes
/// ```
struct Verifier {
    /// The real checkout.
    var layout: CourseLayout
    /// The time limit for one exercise's tests.
    var timeLimit: Duration

    /// Runs every step and prints a summary.
    ///
    /// - Returns: Whether every check passed.
    /// - Throws: If git, tar or swift cannot be started.
    func run() throws -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        var problems: [String] = []
        let tree = layout.scratch.appending(path: "verify-tree")
        let copy = CourseLayout(exercises: tree.appending(path: "Exercises"))

        let commit = try step(1, "Copy the committed tree to \(relative(tree))") {
            try copyCommittedTree(to: tree)
        }
        Terminal.say("      commit \(commit)")

        let catalog: Catalog
        do {
            catalog = try Catalog(contentsOf: copy.catalogFile)
        } catch {
            Terminal.say("\(Terminal.fail) \(error)")
            return false
        }
        let lint = step(2, "Lint the catalog (\(catalog.exercises.count) exercises)") {
            CatalogLint(layout: copy, catalog: catalog).problems()
        }
        report(lint)
        problems += lint

        let starterBuild = try step(3, "Build the starters (the stack and every exercise)") {
            try build(copy)
        }
        guard starterBuild.succeeded else {
            return finish(
                problems + ["the starters do not compile:\n" + describe(starterBuild)],
                start
            )
        }

        let runner = ExerciseRunner(
            package: copy.exercises,
            reports: copy.reports,
            timeLimit: timeLimit
        )
        var starterCounts: [String: Int] = [:]
        let starterProblems = try step(
            4,
            "Run the starters: every test must fail with Unimplemented"
        ) {
            var found: [String] = []
            for exercise in catalog.exercises {
                let run = try runner.run(testTarget: exercise.testTarget)
                starterCounts[exercise.code] = run.testCount
                let issues = VerifyJudgement.starterProblems(run)
                show(
                    exercise,
                    run,
                    issues,
                    passing: "\(run.testCount) tests fail with Unimplemented"
                )
                found += issues.map { "\(exercise.code) starter: \($0)" }
            }
            return found
        }
        problems += starterProblems

        let solutionBuild = try step(5, "Lay Solutions/ over the starters and rebuild") {
            let written = try TreeSync.overlay(copy.solutions, onto: copy.exercises).written
            Terminal.say("      \(written.count) files replaced")
            return try build(copy)
        }
        guard solutionBuild.succeeded else {
            return finish(
                problems + ["the solutions do not compile:\n" + describe(solutionBuild)],
                start
            )
        }

        problems += try step(6, "Run the solutions: every test must pass") {
            var found: [String] = []
            for exercise in catalog.exercises {
                let run = try runner.run(testTarget: exercise.testTarget)
                let issues = VerifyJudgement.solutionProblems(
                    run,
                    starterTestCount: starterCounts[exercise.code]
                )
                show(exercise, run, issues, passing: "\(run.testCount) tests pass")
                found += issues.map { "\(exercise.code) solution: \($0)" }
            }
            return found
        }
        return finish(problems, start)
    }

    /// Runs one step under a heading and prints how long it took.
    private func step<Result>(_ number: Int, _ title: String, _ body: () throws -> Result) rethrows
        -> Result
    {
        Terminal.say(Terminal.bold("[\(number)/6] \(title)"))
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        Terminal.say(Terminal.dim("      took \((clock.now - start).shortDescription)"))
        return result
    }

    private func copyCommittedTree(to tree: URL) throws -> String {
        let git = Git(repository: layout.repository)
        let commit = try git.head()
        if try git.hasUncommittedChanges() {
            Terminal.say(
                "      \(Terminal.warning) uncommitted changes are not verified; commit them first"
            )
        }
        let archive = layout.scratch.appending(path: "verify.tar")
        let staging = layout.scratch.appending(path: "verify-staging")
        let files = FileManager.default
        try? files.removeItem(at: staging)
        try files.createDirectory(at: staging, withIntermediateDirectories: true)
        try git.archiveHead(to: archive)
        let untar = ChildProcess(
            program: "tar",
            arguments: ["-xf", archive.path],
            directory: staging
        )
        let outcome = try untar.run()
        guard outcome.succeeded else {
            throw GradeError.toolFailed(command: untar.commandLine, output: outcome.output)
        }
        let changes = try TreeSync.mirror(staging, into: tree)
        Terminal.say(
            "      \(changes.written.count) files written, \(changes.removed.count) removed"
        )
        try? files.removeItem(at: staging)
        try? files.removeItem(at: archive)
        return commit
    }

    /// Builds with warnings as errors: the course's code is held to the library's standard.
    private func build(_ copy: CourseLayout) throws -> BuildResult {
        let result = try PackageBuild(
            package: copy.exercises,
            extraArguments: ["-Xswiftc", "-warnings-as-errors"]
        ).run()
        Terminal.say("      " + (result.succeeded ? "built" : "\(Terminal.fail) build failed"))
        return result
    }

    private func describe(_ build: BuildResult) -> String {
        if build.errors.isEmpty {
            return build.output.split(separator: "\n").suffix(30).joined(separator: "\n")
        }
        return build.errors.map { "\($0.file):\($0.line): \($0.message)" }.joined(separator: "\n")
    }

    private func show(_ exercise: Exercise, _ run: TestRun, _ problems: [String], passing: String) {
        let name = "\(exercise.id) \(exercise.slug)".padding(
            toLength: 30,
            withPad: " ",
            startingAt: 0
        )
        let time = Terminal.dim("(\(run.duration.shortDescription))")
        if problems.isEmpty {
            Terminal.say("  \(Terminal.pass) \(name) \(passing) \(time)")
        } else {
            Terminal.say("  \(Terminal.fail) \(name) \(time)")
            for problem in problems { Terminal.say(Terminal.indent(problem, by: 6)) }
        }
    }

    private func report(_ problems: [String]) {
        if problems.isEmpty { Terminal.say("  \(Terminal.pass) the catalog is sound") }
        for problem in problems { Terminal.say("  \(Terminal.fail) \(problem)") }
    }

    private func finish(_ problems: [String], _ start: ContinuousClock.Instant) -> Bool {
        let total = (ContinuousClock().now - start).shortDescription
        Terminal.say()
        if problems.isEmpty {
            Terminal.say(
                "\(Terminal.pass) verify passed in \(total): every exercise is honest and solvable."
            )
            return true
        }
        Terminal.say("\(Terminal.fail) verify found \(problems.count) problems in \(total):")
        for problem in problems { Terminal.say(Terminal.indent("- " + problem, by: 2)) }
        return false
    }

    private func relative(_ url: URL) -> String {
        let root = layout.repository.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(root) ? String(path.dropFirst(root.count)) : path
    }
}
