/// Why the grader itself could not do what was asked (as opposed to an exercise failing).
///
/// Each message says what to do next, because the person reading it is usually a learner
/// in the middle of something else.
enum GradeError: Error, Equatable, CustomStringConvertible {
    /// No `Exercises/exercises.json` above or below the current directory.
    case courseNotFound(searchedFrom: String)
    /// `exercises.json` could not be read or decoded.
    case badCatalog(String)
    /// The learner named an exercise the catalog does not have.
    case unknownExercise(String, suggestions: [String])
    /// The command line did not parse.
    case usage(String)
    /// A tool the grader needs (`swift`, `git`, `tar`) failed.
    case toolFailed(command: String, output: String)

    /// A message for the terminal.
    var description: String {
        switch self {
        case .courseNotFound(let directory):
            "no Exercises/exercises.json in \(directory) or above it; "
                + "run `swift run grade` from the SocketLadder checkout"
        case .badCatalog(let reason):
            "the exercise catalog is broken: \(reason)"
        case .unknownExercise(let name, let suggestions):
            "no exercise \(name.debugDescription)"
                + (suggestions.isEmpty
                    ? "; `swift run grade list` shows them all"
                    : "; did you mean \(suggestions.joined(separator: ", "))?")
        case .usage(let message):
            message
        case .toolFailed(let command, let output):
            "`\(command)` failed:\n\(output)"
        }
    }
}
