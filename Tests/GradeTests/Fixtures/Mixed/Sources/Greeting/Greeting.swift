/// A greeting: the one piece of code the fixture's tests check.
///
/// - Parameter name: Who to greet.
/// - Returns: `hello, NAME`.
public func greeting(_ name: String) -> String {
    "hello, \(name)"
}

/// The error a starter throws, as in the Exercises package.
public struct Unimplemented: Error, CustomStringConvertible {
    /// What is missing.
    public let exercise: String

    /// Says that `exercise` is not written yet.
    ///
    /// - Parameter exercise: What is missing.
    public init(_ exercise: String) {
        self.exercise = exercise
    }

    /// `Unimplemented: X0101: …`.
    public var description: String { "Unimplemented: \(exercise)" }
}

/// A stub, as a starter has one.
///
/// - Returns: Never; it throws.
/// - Throws: ``Unimplemented``.
public func stub() throws -> Int {
    throw Unimplemented("X0101: stub()")
}
