/// The error a starter throws where the learner's code goes.
///
/// Every stub in the exercises throws one, beside a `// TODO(E0302)` marker, so that a
/// starter always compiles and every graded test fails with a message that says what is
/// missing. A stub never calls `fatalError`: that would kill the whole test process, and
/// one exercise's crash would hide every other test's result.
public struct Unimplemented: Error, Equatable, Sendable, CustomStringConvertible {
    /// What is missing, starting with the exercise's code: `E0302: serveOneAtATime`.
    public let exercise: String

    /// Says that `exercise` is not written yet.
    ///
    /// - Parameter exercise: The exercise's code and what to write, such as
    ///   `"E0302: serveOneAtATime(_:clients:)"`.
    public init(_ exercise: String) {
        self.exercise = exercise
    }

    /// `Unimplemented: E0302: serveOneAtATime(_:clients:) (write it at TODO(E0302))`.
    public var description: String {
        let code = exercise.prefix { $0 != ":" }
        return "Unimplemented: \(exercise) (write it at TODO(\(code)))"
    }
}
