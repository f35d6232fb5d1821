// Exercise 1.1, solved: the loop every system call in SocketLadder goes through.
// The library's version is Sources/SystemCalls/SystemCall.swift.

import ExerciseSupport
import SystemCalls

/// Runs a system call until it stops failing with `EINTR`, and throws on any other failure.
///
/// C system calls report failure by returning `-1` and setting `errno`. A signal can
/// interrupt a call that is waiting (`EINTR`); nothing went wrong, so we simply call
/// again. Every other `errno` becomes a ``SystemCallError`` that names the call.
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
) throws(SystemCallError) -> Value {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = Errno.current  // read errno at once: any other call may change it
        if code == .interrupted { continue }
        throw SystemCallError(call: call, errno: code)
    }
}
