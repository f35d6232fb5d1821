/// What the learner asked for on the command line.
///
/// ```
/// swift run grade                 grade everything, show progress and the next step
/// swift run grade 3.2             one exercise (3.2, E0302 or accept-loop), in full
/// swift run grade hint 3.2        the next hint
/// swift run grade list            every exercise and its last result
/// swift run grade watch [3.2]     grade again whenever a source file changes
/// swift run grade reset 3.2       put the starter files back
/// swift run grade solution 3.2    show the solution
/// swift run grade verify          for maintainers: every exercise honest and solvable
/// ```
enum Command: Equatable, Sendable {
    case gradeAll
    case gradeOne(String)
    case hint(String)
    case list
    case watch(String?)
    case reset(String)
    case solution(String)
    case verify
    case help

    /// The words that name a command, so that an exercise can never be called one of them.
    static let keywords: Set<String> = [
        "hint", "list", "watch", "reset", "solution", "verify", "help",
    ]

    /// The help text.
    static let usage = """
        usage: swift run grade [COMMAND] [--timeout SECONDS]

          (no command)        build once, grade every exercise, show the next step
          EXERCISE            grade one exercise in full: 3.2, E0302 or accept-loop
          hint EXERCISE       show the next hint (remembered between runs)
          list                list the exercises with their last result
          watch [EXERCISE]    grade again each time you save a source file (Ctrl-C stops)
          reset EXERCISE      put the exercise's starter files back (yours are kept in .grade/)
          solution EXERCISE   show the solution files
          verify              for maintainers and CI: every starter fails, every solution passes

          --timeout SECONDS   how long one exercise's tests may run (default 90)
        """
}

/// The parsed command line: a command and its options.
struct Invocation: Equatable, Sendable {
    /// What to do.
    var command: Command
    /// The time limit for one exercise's tests.
    var timeLimit: Duration = ExerciseRunner.defaultTimeLimit

    /// Parses the arguments after the program's name.
    ///
    /// - Parameter arguments: `CommandLine.arguments.dropFirst()`.
    /// - Throws: ``GradeError/usage(_:)`` with the help text.
    init(parsing arguments: some Collection<String>) throws {
        var words: [String] = []
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--timeout":
                guard let value = iterator.next(), let seconds = Int(value), seconds > 0 else {
                    throw GradeError.usage(
                        "--timeout needs a number of seconds\n\n\(Command.usage)"
                    )
                }
                timeLimit = .seconds(seconds)
            case "-h", "--help":
                words = ["help"]
            default:
                if argument.hasPrefix("-") {
                    throw GradeError.usage("unknown option \(argument)\n\n\(Command.usage)")
                }
                words.append(argument)
            }
        }
        command = try Self.command(from: words)
    }

    private static func command(from words: [String]) throws -> Command {
        func exercise(_ verb: String) throws -> String {
            guard words.count == 2 else {
                throw GradeError.usage(
                    "`\(verb)` needs one exercise, such as 3.2\n\n\(Command.usage)"
                )
            }
            return words[1]
        }
        switch words.first {
        case nil: return .gradeAll
        case "help": return .help
        case "list": return .list
        case "verify": return .verify
        case "hint": return .hint(try exercise("hint"))
        case "reset": return .reset(try exercise("reset"))
        case "solution": return .solution(try exercise("solution"))
        case "watch":
            guard words.count <= 2 else { throw GradeError.usage(Command.usage) }
            return .watch(words.count == 2 ? words[1] : nil)
        case let name?:
            guard words.count == 1 else {
                throw GradeError.usage("one exercise at a time, please\n\n\(Command.usage)")
            }
            return .gradeOne(name)
        }
    }
}
