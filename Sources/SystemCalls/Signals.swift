import Libc

/// The signals a server meets, by their C numbers, under Swift names.
///
/// A signal is a small number the kernel delivers to a process to interrupt it; the C
/// names (`SIGINT`) stand for numbers that differ between systems, just like `errno`'s.
public enum Signal {
    /// `SIGINT`, what Ctrl-C in the terminal sends; by default it ends the process.
    public static let interrupt: CInt = SIGINT
    /// `SIGTERM`, what `kill PID` sends: the polite request to end.
    public static let terminate: CInt = SIGTERM

    /// The C name of `signalNumber`, such as `SIGINT`, for log lines.
    ///
    /// - Parameter signalNumber: A signal number.
    /// - Returns: `SIGINT` or `SIGTERM`, or `signal N` for any other.
    public static func name(of signalNumber: CInt) -> String {
        switch signalNumber {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(signalNumber)"
        }
    }
}

/// What the process does when a signal arrives: `signal(2)`, wrapped.
///
/// Most signals kill the process by default. A server changes that for two of them:
/// `SIGPIPE` (see ``sendFlagsWithoutSIGPIPE``, which already avoids it per call) and the
/// shutdown signals `SIGINT`/`SIGTERM`, which it wants to *handle* (finish what it is
/// doing, then exit) rather than die from. Handling is done with a Dispatch signal
/// source in `DemoSupport`; for that to see the signal, the default action must first be
/// switched off here.
public enum SignalDisposition {
    /// Makes the process ignore `signal`: it is discarded on arrival.
    ///
    /// - Parameter signalNumber: For example `SIGPIPE` or `SIGINT`.
    public static func ignore(_ signalNumber: CInt) {
        _ = signal(signalNumber, SIG_IGN)
    }

    /// Restores the default action for `signal`.
    ///
    /// - Parameter signalNumber: The signal.
    public static func restoreDefault(_ signalNumber: CInt) {
        _ = signal(signalNumber, SIG_DFL)
    }
}
