import Libc

/// The running process itself: its environment, and ending it.
public enum CurrentProcess {
    /// The value of the environment variable `name`, or `nil` if it is not set.
    ///
    /// The C function is `getenv(3)`. It returns a pointer into the process's own copy of
    /// the environment, which a later `setenv(3)` may free, so the text is copied into a
    /// Swift string at once.
    ///
    /// - Parameter name: The variable's name, such as `SOCKETLADDER_LOG`.
    /// - Returns: Its value, or `nil` if it is not set.
    public static func environmentVariable(_ name: String) -> String? {
        getenv(name).map { String(cString: $0) }
    }

    /// Ends the process with `status`: 0 for success, anything else for failure.
    ///
    /// The C function is `exit(3)`. It flushes standard output's buffer and runs the
    /// `atexit` handlers, then asks the kernel to end the process (`_exit(2)`); the parent
    /// reads `status` with `waitid(2)` (see ``ChildExit``), a shell with `$?`.
    ///
    /// - Parameter status: The exit status, 0 to 255.
    public static func exit(_ status: CInt) -> Never {
        Libc.exit(status)  // a bare `exit` here would be this method
    }
}
