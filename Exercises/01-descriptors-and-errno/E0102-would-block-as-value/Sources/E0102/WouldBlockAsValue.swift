// Exercise 1.2: "try again later" is a value, not an error.
// Read the task in ../../README.md; check it with `swift run grade 1.2`.

import ExerciseSupport
import SystemCalls

/// Runs a system call on a non-blocking descriptor: `nil` means "not now", not failure.
///
/// A non-blocking `read` with nothing to read, or a `write` with no room in the kernel's
/// buffer, fails with `EAGAIN`. That is the normal state of an idle connection, so
/// it comes back as `nil`, which the compiler makes the caller handle, instead of as an
/// error that one would be tempted to log. `EINTR` is retried as in
/// `retryingOnInterrupt(_:_:)`.
///
/// - Parameters:
///   - call: The C function's name, used in error messages.
///   - body: The system call to make; it returns `-1` on failure.
/// - Returns: What `body` returned, or `nil` if the call would have had to wait.
/// - Throws: ``SystemCallError`` for every failure other than `EINTR` and `EAGAIN`.
public func retryingOnInterruptUnlessWouldBlock<Value: FixedWidthInteger>(
    _ call: String,
    _ body: () -> Value
) throws -> Value? {
    // TODO(E0102): build on the library's `retryingOnInterrupt(_:_:)` (module SystemCalls):
    // return its result, but turn a `SystemCallError` whose errno is `.wouldBlock` into nil.
    throw Unimplemented("E0102: retryingOnInterruptUnlessWouldBlock(_:_:)")
}
