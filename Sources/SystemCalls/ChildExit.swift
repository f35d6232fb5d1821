import Libc

/// How a child process ended, as `waitid(2)` reports it.
///
/// A parent learns of a child's end by *waiting* for it, which also *reaps* it: the
/// kernel then forgets the child, and nobody can ask again. When something else already
/// waits for the child (Foundation's `Process` reaps its own children), ``peek(pid:)``
/// asks with `WNOWAIT`, which reads the answer and leaves the child to its owner.
public enum ChildExit: Equatable, Sendable, CustomStringConvertible {
    /// The child called `exit` with this status.
    case exited(CInt)
    /// A signal killed the child.
    case signalled(CInt)

    /// `exit status 0` or `killed by signal 13`.
    public var description: String {
        switch self {
        case .exited(let status): "exit status \(status)"
        case .signalled(let number): "killed by signal \(number)"
        }
    }

    /// How the child `pid` ended, or `nil` while it still runs; it is not reaped.
    ///
    /// The C function is `waitid(2)` with `WEXITED | WNOHANG | WNOWAIT`.
    ///
    /// - Parameter pid: A child of this process.
    /// - Returns: How it ended, or `nil` if it has not.
    /// - Throws: ``SystemCallError`` naming `waitid`; `ECHILD` once its owner has reaped it.
    public static func peek(pid: pid_t) throws(SystemCallError) -> ChildExit? {
        var info = siginfo_t()
        try retryingOnInterrupt("waitid") {
            waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
        }
        let child = systemChildInfo(info)
        guard child.pid != 0 else { return nil }  // WNOHANG: still running
        return child.code == CLD_EXITED ? .exited(child.status) : .signalled(child.status)
    }
}
