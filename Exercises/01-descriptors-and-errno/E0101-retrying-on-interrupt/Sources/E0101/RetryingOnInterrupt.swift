// Exercise 1.1: the loop every system call in SocketLadder goes through.
// Read the task in ../../README.md; check it with `swift run grade 1.1`.

import ExerciseSupport
import SystemCalls

/// Runs a system call until it stops failing with `EINTR`, and throws on any other failure.
///
/// C system calls report failure by returning `-1` and setting `errno`. A signal can
/// interrupt a call that is waiting (`EINTR`); nothing went wrong, so we simply call
/// again. Every other `errno` becomes a ``SystemCallError`` that names the call.
///
/// The library's own version declares `throws(SystemCallError)`. This one says plain
/// `throws` so that the starter can throw ``Unimplemented``; once yours works, you may
/// make it typed, and the tests still compile.
///
/// - Parameters:
///   - call: The C function's name, used in error messages.
///   - body: The system call to make; it returns `-1` on failure.
/// - Returns: What `body` returned, which is never `-1`.
/// - Throws: ``SystemCallError`` with the call's name and its `errno`.
@discardableResult
public func retryingOnInterrupt<Value: FixedWidthInteger>(
    _ call: String,
    _ body: () -> Value
) throws -> Value {
    // TODO(E0101): call `body` again and again: return its result unless it is -1; on -1,
    // read `Errno.current` at once and call again if it is `.interrupted`, else throw a
    // `SystemCallError` naming `call`.
    throw Unimplemented("E0101: retryingOnInterrupt(_:_:)")
}
