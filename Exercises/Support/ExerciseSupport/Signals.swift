import CExerciseSupport
import Libc
import SystemCalls

/// Interrupts another thread's blocking system call with a real signal.
///
/// This is how `EINTR` happens outside tests: a signal arrives (a timer, a child process
/// ending, Ctrl-Z and `fg`) while a thread waits in `read(2)`; the kernel runs the signal's
/// handler on that thread and, unless the handler was installed with `SA_RESTART`, the
/// `read` returns `-1` with `errno` set to `EINTR`.
public enum SignalInterrupter {
    /// The signal used: `SIGUSR1`, which nothing else in a test process sends.
    public static let signalNumber = SIGUSR1

    /// Installs a do-nothing handler for ``signalNumber`` without `SA_RESTART`.
    ///
    /// - Throws: ``SystemCallError`` from `sigaction(2)`.
    public static func installHandler() throws(SystemCallError) {
        try retryingOnInterrupt("sigaction") { exercise_install_interrupting_handler(signalNumber) }
    }

    /// Lets ``signalNumber`` reach the calling thread, and returns the thread as a number
    /// to pass to ``interrupt(_:)``.
    ///
    /// A new thread inherits its creator's signal mask, and the threads tests run on block
    /// every signal, so the thread to be interrupted must call this itself.
    ///
    /// - Returns: The calling thread.
    /// - Throws: ``SystemCallError`` from `pthread_sigmask(3)`.
    public static func prepareCurrentThread() throws(SystemCallError) -> UInt {
        let result = exercise_unblock_signal(signalNumber)
        if result != 0 {
            throw SystemCallError(call: "pthread_sigmask", errno: Errno(rawValue: result))
        }
        return UInt(exercise_current_thread())
    }

    /// Sends ``signalNumber`` to `thread`.
    ///
    /// - Parameter thread: A number from ``prepareCurrentThread()``, of a thread still running.
    /// - Throws: ``SystemCallError`` from `pthread_kill(3)`.
    public static func interrupt(_ thread: UInt) throws(SystemCallError) {
        let result = exercise_signal_thread(UInt(thread), signalNumber)
        if result != 0 {
            throw SystemCallError(call: "pthread_kill", errno: Errno(rawValue: result))
        }
    }
}
