import Foundation

/// The commands that do not run tests: `list`, `hint`, `solution`.
struct LearnerCommands {
    /// Where the course is.
    var layout: CourseLayout
    /// The exercises.
    var catalog: Catalog

    /// `swift run grade list`: every exercise, by chapter, with its last result.
    func list() {
        let state = LearnerState.load(from: layout.state)
        for (chapter, exercises) in catalog.exercisesByChapter {
            Terminal.say(Terminal.bold(chapter.heading))
            for exercise in exercises {
                let result = state.lastResults[exercise.code]
                let mark =
                    switch result {
                    case "passed": Terminal.pass
                    case nil: " "
                    default: Terminal.fail
                    }
                // Ids run from 1.1 to 11.4: pad them to one width so the codes line up.
                let id = exercise.id.padding(toLength: 5, withPad: " ", startingAt: 0)
                let name = "\(id)\(exercise.code) \(exercise.slug)"
                    .padding(toLength: 36, withPad: " ", startingAt: 0)
                let difficulty = exercise.difficulty.padding(
                    toLength: 7,
                    withPad: " ",
                    startingAt: 0
                )
                Terminal.say("  \(mark) \(name) \(difficulty) \(exercise.title)")
            }
        }
        Terminal.say()
        Terminal.say(
            Terminal.dim("Marks show the last grading; ")
                + Terminal.command("swift run grade") + Terminal.dim(" grades them all again.")
        )
    }

    /// `swift run grade hint 3.2`: the next hint, and remember that it was seen.
    ///
    /// - Parameter exercise: The exercise.
    /// - Throws: If `HINTS.md` cannot be read or the state cannot be saved.
    func hint(_ exercise: Exercise) throws {
        let hints = try Hints(exerciseFolder: layout.folder(of: exercise)).hints
        guard !hints.isEmpty else {
            Terminal.say("\(exercise.label) has no hints yet.")
            return
        }
        var state = LearnerState.load(from: layout.state)
        let seen = state.hintsSeen[exercise.code] ?? 0
        let index = min(seen, hints.count - 1)
        let hint = hints[index]
        Terminal.say(
            Terminal.bold("\(exercise.id) \(exercise.slug) · \(hint.title)")
                + "  (\(index + 1) of \(hints.count))"
        )
        Terminal.say()
        Terminal.say(hint.text)
        Terminal.say()
        if index + 1 < hints.count {
            Terminal.say(Terminal.dim("Still stuck? Run it again for hint \(index + 2)."))
        } else {
            Terminal.say(
                Terminal.dim("That was the last hint. The whole answer: ")
                    + Terminal.command("swift run grade solution \(exercise.id)")
            )
        }
        state.hintsSeen[exercise.code] = max(seen, index + 1)
        try state.save(to: layout.state)
    }

    /// `swift run grade solution 3.2`: the solution files, in full.
    ///
    /// - Parameter exercise: The exercise.
    /// - Throws: If a solution file cannot be read.
    func solution(_ exercise: Exercise) throws {
        let state = LearnerState.load(from: layout.state)
        let seen = state.hintsSeen[exercise.code] ?? 0
        if seen < Hints.requiredCount {
            Terminal.say(
                Terminal.dim("You have seen \(seen) of \(Hints.requiredCount) hints; ")
                    + Terminal.command("swift run grade hint \(exercise.id)")
                    + Terminal.dim(" gives a nudge without the whole answer.")
            )
            Terminal.say()
        }
        for file in exercise.files {
            let path = "Solutions/\(exercise.directory)/\(file)"
            let text = try String(
                contentsOf: layout.exercises.appending(path: path),
                encoding: .utf8
            )
            Terminal.say(Terminal.bold("── Exercises/\(path)"))
            Terminal.say(text)
        }
        Terminal.say(
            Terminal.dim("Type it in rather than copy it: the point is to have written it once.")
        )
    }
}
