import Foundation

/// `swift run grade reset 3.2`: puts an exercise's starter files back, keeping the
/// learner's version in `.grade/backup/`.
///
/// Where is "the starter"? Not simply in `HEAD`: a learner who commits their work has
/// replaced it there too. It is the newest committed version of the file that still has
/// the exercise's `TODO(E0302)` marker, which a solved file no longer has. So the grader
/// walks back through the file's history until it finds one.
struct StarterFiles {
    /// Where the course is.
    var layout: CourseLayout

    /// Restores every file the exercise lists, and forgets the hints seen.
    ///
    /// - Parameter exercise: The exercise.
    /// - Throws: ``GradeError/toolFailed(command:output:)`` if git fails, or a message
    ///   if no committed starter can be found.
    func reset(_ exercise: Exercise) throws {
        let git = Git(repository: layout.repository)
        let backup = layout.state.appending(path: "backup/\(exercise.code)-\(Self.timestamp())")
        for file in exercise.files {
            let relative = "\(exercise.directory)/\(file)"
            let path = "Exercises/\(relative)"
            guard let starter = try committedStarter(path, marker: exercise.todoMarker, git: git)
            else {
                throw GradeError.usage(
                    "no committed version of \(path) has the \(exercise.todoMarker) marker; "
                        + "is this a git checkout of the course?"
                )
            }
            let destination = layout.exercises.appending(path: relative)
            if let current = try? Data(contentsOf: destination) {
                if current == Data(starter.utf8) {
                    Terminal.say("  \(path) is already the starter")
                    continue
                }
                let saved = backup.appending(path: file)
                try FileManager.default.createDirectory(
                    at: saved.deletingLastPathComponent(),
                    withIntermediateDirectories: true
                )
                try current.write(to: saved)
                Terminal.say("  saved your version as \(layout.relativePath(saved))")
            }
            try Data(starter.utf8).write(to: destination)
            Terminal.say("  \(Terminal.pass) restored \(path)")
        }
        var state = LearnerState.load(from: layout.state)
        state.hintsSeen[exercise.code] = nil
        state.lastResults[exercise.code] = nil
        try state.save(to: layout.state)
        Terminal.say("Hints for \(exercise.id) start again from the first.")
    }

    /// The newest committed contents of `path` that contain `marker`.
    private func committedStarter(_ path: String, marker: String, git: Git) throws -> String? {
        for commit in try git.commits(touching: path) {
            if let text = git.contents(of: path, at: commit), text.contains(marker) {
                return text
            }
        }
        return nil
    }

    private static func timestamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date())
    }
}
