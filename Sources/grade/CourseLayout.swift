import Foundation

/// Where the course lives on disk: the repository, the Exercises package, the grader's state.
///
/// The grader is started as `swift run grade` from the repository root, but a learner may
/// well be inside `Exercises/` or deeper when they type it, so it looks upwards from the
/// current directory for a folder holding `exercises.json`.
struct CourseLayout: Sendable {
    /// The `Exercises/` folder: its own Swift package, with `exercises.json` inside.
    var exercises: URL

    /// The repository root, the folder above `Exercises/`.
    var repository: URL { exercises.deletingLastPathComponent() }

    /// `exercises.json`, the ordered catalog.
    var catalogFile: URL { exercises.appending(path: "exercises.json") }

    /// `Solutions/`, which mirrors the starter files' paths.
    var solutions: URL { exercises.appending(path: "Solutions") }

    /// `.grade/`, the learner's own state (hints seen, last results); git ignores it.
    var state: URL { exercises.appending(path: ".grade") }

    /// Where `swift test` writes its xUnit reports, inside the package's build folder.
    var reports: URL { exercises.appending(path: ".build/grade-reports") }

    /// `.build-grade/` at the repository root, the grader's scratch space for `verify`.
    ///
    /// It is kept between runs so that builds there are incremental. Git ignores it.
    var scratch: URL { repository.appending(path: ".build-grade") }

    /// An exercise's folder.
    func folder(of exercise: Exercise) -> URL {
        exercises.appending(path: exercise.directory)
    }

    /// A path relative to `Exercises/`, as the learner should read it in messages.
    func relativePath(_ url: URL) -> String {
        let base = exercises.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// Looks for the course from `directory` upwards.
    ///
    /// A folder is the Exercises package if it holds `exercises.json`; a folder that has
    /// `Exercises/exercises.json` is the repository root.
    ///
    /// - Parameter directory: Where to start, usually the current directory.
    /// - Returns: The layout.
    /// - Throws: ``GradeError/courseNotFound(searchedFrom:)``.
    static func find(from directory: URL) throws -> CourseLayout {
        let files = FileManager.default
        var candidate = directory.standardizedFileURL
        while true {
            if files.fileExists(atPath: candidate.appending(path: "exercises.json").path) {
                return CourseLayout(exercises: candidate)
            }
            let nested = candidate.appending(path: "Exercises")
            if files.fileExists(atPath: nested.appending(path: "exercises.json").path) {
                return CourseLayout(exercises: nested)
            }
            let parent = candidate.deletingLastPathComponent()
            if parent.path == candidate.path { break }
            candidate = parent
        }
        throw GradeError.courseNotFound(searchedFrom: directory.path)
    }
}
