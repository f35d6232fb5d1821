// SystemCall.swift: the loop every system call in SocketLadder goes through.

// snippet: retrying-on-interrupt
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
// end-snippet

// snippet: would-block-as-value
/// Runs a system call on a non-blocking descriptor: `nil` means "not now", not failure.
///
/// A non-blocking `read` with nothing to read, or a `write` with no room in the kernel's
/// buffer, fails with `EAGAIN`. That is the normal state of an idle connection, so
/// it comes back as `nil`, which the compiler makes the caller handle, instead of as an
/// error that one would be tempted to log. `EINTR` is retried as in
/// ``retryingOnInterrupt(_:_:)``.
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
// end-snippet

/// Runs a call from the `pthread` family, which returns its error number instead of `-1`.
///
/// - Parameters:
///   - call: The C function's name, used in error messages.
///   - body: The call; it returns `0` on success and an `errno` value on failure.
/// - Throws: ``SystemCallError`` with the returned number.
func checkingReturnedErrno(_ call: String, _ body: () -> CInt) throws(SystemCallError) {
    let result = body()
    if result != 0 { throw SystemCallError(call: call, errno: Errno(rawValue: result)) }
}
