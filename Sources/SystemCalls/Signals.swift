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
