import Foundation

/// The learner's commands: grade everything, grade one exercise, show what to do next.
///
/// Grading is always "build once, then test each exercise in its own process": the build
/// is shared (one package), the test runs are not (a crash or a hang costs one exercise).
struct Grader {
    /// Where the course is.
    var layout: CourseLayout
    /// The exercises.
    var catalog: Catalog
    /// The time limit for one exercise's tests.
    var timeLimit: Duration

    /// Builds the Exercises package, reporting compile errors in the learner's terms.
    ///
    /// - Returns: `true` if the build succeeded and grading can go on.
    /// - Throws: If `swift` cannot be started.
    func build() throws -> Bool {
        let isColdBuild = !FileManager.default.fileExists(
            atPath: layout.exercises.appending(path: ".build").path
        )
        Terminal.say(
            isColdBuild
                ? "Building the exercises. The first build compiles the whole stack: a few minutes…"
                : "Building the exercises…"
        )
        let result = try PackageBuild(package: layout.exercises, showsProgress: isColdBuild).run()
        if result.succeeded {
            Terminal.say(Terminal.dim("Built in \(result.duration.shortDescription)."))
            Terminal.say()
            return true
        }
        BuildFailurePresenter(layout: layout, catalog: catalog).show(result)
        return false
    }

    /// `swift run grade`: every exercise, then the progress per chapter and the next step.
    ///
    /// - Returns: Whether every exercise passed.
    /// - Throws: If `swift` cannot be started.
    func gradeAll() throws -> Bool {
        guard try build() else { return false }
        var state = LearnerState.load(from: layout.state)
        var runs: [String: TestRun] = [:]
        let runner = makeRunner()
        for (chapter, exercises) in catalog.exercisesByChapter {
            Terminal.say(Terminal.bold(chapter.heading))
            for exercise in exercises {
                let run = try runner.run(testTarget: exercise.testTarget)
                runs[exercise.code] = run
                state.lastResults[exercise.code] = run.outcome.word
                Terminal.say("  " + RunPresenter.summaryLine(exercise, run))
            }
        }
        try? state.save(to: layout.state)
        Terminal.say()
        showProgress(runs)
        let next = catalog.exercises.first { runs[$0.code]?.passed != true }
        if let next, let run = runs[next.code] {
            showNextStep(next, run, state: state)
        } else {
            Terminal.say("\(Terminal.pass) Every exercise passes. Well done!")
        }
        return next == nil
    }

    /// `swift run grade 3.2`: one exercise, every test, every failure in full.
    ///
    /// - Parameter exercise: The exercise.
    /// - Returns: Whether it passed.
    /// - Throws: If `swift` cannot be started.
    func gradeOne(_ exercise: Exercise) throws -> Bool {
        guard try build() else { return false }
        let run = try makeRunner().run(testTarget: exercise.testTarget)
        var state = LearnerState.load(from: layout.state)
        state.lastResults[exercise.code] = run.outcome.word
        try? state.save(to: layout.state)
        RunPresenter(layout: layout).showInFull(
            exercise,
            run,
            hintsSeen: state.hintsSeen[exercise.code] ?? 0
        )
        return run.passed
    }

    private func makeRunner() -> ExerciseRunner {
        ExerciseRunner(package: layout.exercises, reports: layout.reports, timeLimit: timeLimit)
    }

    private func showProgress(_ runs: [String: TestRun]) {
        Terminal.say(Terminal.bold("Progress"))
        var total = 0
        for (chapter, exercises) in catalog.exercisesByChapter {
            let done = exercises.filter { runs[$0.code]?.passed == true }.count
            total += done
            let padded = chapter.heading.padding(toLength: 40, withPad: " ", startingAt: 0)
            Terminal.say(
                "  \(padded) \(Terminal.bar(done: done, of: exercises.count)) \(done)/\(exercises.count)"
            )
        }
        Terminal.say("  \(total) of \(catalog.exercises.count) exercises done.")
        Terminal.say()
    }

    private func showNextStep(_ exercise: Exercise, _ run: TestRun, state: LearnerState) {
        let folder = "Exercises/\(exercise.directory)"
        Terminal.say(Terminal.bold("Next: \(exercise.id) \(exercise.slug) · \(exercise.title)"))
        Terminal.say("  read    \(folder)/README.md")
        for file in exercise.files {
            Terminal.say("  edit    \(folder)/\(file)")
        }
        if let failure = RunPresenter.firstProblem(run) {
            Terminal.say("  now     " + failure)
        }
        Terminal.say("  then    " + Terminal.command("swift run grade \(exercise.id)"))
        let seen = state.hintsSeen[exercise.code] ?? 0
        Terminal.say(
            "  stuck?  " + Terminal.command("swift run grade hint \(exercise.id)")
                + Terminal.dim("  (\(seen) of \(Hints.requiredCount) hints seen)")
        )
    }
}

extension TestOutcome {
    /// One word for the state file and `list`.
    var word: String {
        switch self {
        case .passed: "passed"
        case .failed: "failed"
        case .crashed: "crashed"
        case .timedOut: "timed out"
        case .noTestsRan: "no tests ran"
        }
    }
}
