// grade: the course's grader. Builds the exercises once, runs each exercise's tests in a
// process of its own, and tells the learner what failed, where, and what to do next.
// Try it:   swift run grade            (every exercise, with your progress)
//           swift run grade 3.2        (one exercise, every failure in full)
//           swift run grade help
// Course:   Exercises/README.md

import Foundation

/// Runs the command and returns the process's exit status.
func runGrade(_ arguments: [String]) -> Int32 {
    do {
        let invocation = try Invocation(parsing: arguments)
        if invocation.command == .help {
            print(Command.usage)
            return 0
        }
        let layout = try CourseLayout.find(
            from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        )
        if invocation.command == .verify {
            return try Verifier(layout: layout, timeLimit: invocation.timeLimit).run() ? 0 : 1
        }
        let catalog = try Catalog(contentsOf: layout.catalogFile)
        let grader = Grader(layout: layout, catalog: catalog, timeLimit: invocation.timeLimit)
        let commands = LearnerCommands(layout: layout, catalog: catalog)
        switch invocation.command {
        case .gradeAll:
            return try grader.gradeAll() ? 0 : 1
        case .gradeOne(let name):
            return try grader.gradeOne(catalog.exercise(named: name)) ? 0 : 1
        case .hint(let name):
            try commands.hint(catalog.exercise(named: name))
        case .list:
            commands.list()
        case .solution(let name):
            try commands.solution(catalog.exercise(named: name))
        case .reset(let name):
            try StarterFiles(layout: layout).reset(catalog.exercise(named: name))
        case .watch(let name):
            try Watcher(grader: grader, focus: name.map(catalog.exercise(named:))).run()
        case .verify, .help:
            break  // handled above
        }
        return 0
    } catch {
        FileHandle.standardError.write(Data("grade: \(error)\n".utf8))
        return 2
    }
}

exit(runGrade(Array(CommandLine.arguments.dropFirst())))
