// Exercise 1.2, solved: "try again later" is a value, not an error.
// The library's version is in Sources/SystemCalls/SystemCall.swift.

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
) throws(SystemCallError) -> Value? {
    do {
        return try retryingOnInterrupt(call, body)
    } catch  where error.errno == .wouldBlock {
        return nil
    }
}
