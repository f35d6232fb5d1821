import Dispatch
import SystemCalls

/// Turns `SIGINT` (Ctrl-C) and `SIGTERM` (`kill`) into an orderly shutdown.
///
/// A signal's default action kills the process at once, mid-write. To shut down
/// gracefully a server must *catch* the signal, but a C signal handler may do almost
/// nothing (only async-signal-safe calls, no locks, no allocation). Dispatch does the
/// hard part: with the default action switched off, a `DispatchSourceSignal` notices the
/// signal and runs an ordinary closure on a queue. This type then does three things a
/// demo can use, whichever style it is written in:
///
/// - makes ``descriptor`` readable, so a blocking server can `poll` it beside its socket;
/// - calls the closures given to ``onSignal(_:)``;
/// - resumes every task waiting in ``wait()``.
public final class ShutdownSignal: Sendable {
    /// Becomes readable once a signal has arrived.
    public let descriptor: FileDescriptor
    private let writeEnd: FileDescriptor
    private let state: Locked<State>

    private struct State {
        var sources: [(any DispatchSourceSignal, CInt)]  // kept alive while we listen
        var received: CInt?
        var handlers: [@Sendable (CInt) -> Void] = []
        var waiters: [CheckedContinuation<CInt, Never>] = []
    }

    /// Starts catching `SIGINT` and `SIGTERM`.
    ///
    /// - Throws: ``SystemCallError`` if the pipe cannot be created.
    public init() throws(SystemCallError) {
        let pipe = try FileDescriptor.pipe()
        descriptor = pipe.read
        writeEnd = pipe.write
        let queue = DispatchQueue(label: "shutdown-signal")
        let signalNumbers = [Signal.interrupt, Signal.terminate]
        var sources: [(any DispatchSourceSignal, CInt)] = []
        for signalNumber in signalNumbers {
            SignalDisposition.ignore(signalNumber)  // or the default action kills us first
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            sources.append((source, signalNumber))
        }
        state = Locked(State(sources: sources))
        // Until Dispatch has registered a source, the signal is ignored (above) and would
        // be lost: a `kill` right after the demo printed `listening on ...` did nothing.
        // Registration happens later, on Dispatch's own thread, so wait for it here.
        let registered = DispatchSemaphore(value: 0)
        state.withLock { state in
            for (source, signalNumber) in state.sources {
                source.setEventHandler { [weak self] in self?.received(signalNumber) }
                source.setRegistrationHandler { registered.signal() }
                source.resume()
            }
        }
        for _ in signalNumbers { _ = registered.wait(timeout: .now() + .seconds(5)) }
    }

    private func received(_ signalNumber: CInt) {
        let (handlers, waiters) = state.withLock {
            state -> ([@Sendable (CInt) -> Void], [CheckedContinuation<CInt, Never>]) in
            if state.received != nil { return ([], []) }
            state.received = signalNumber
            defer { state.waiters.removeAll() }
            return (state.handlers, state.waiters)
        }
        var byte: UInt8 = 1
        _ = withUnsafeBytes(of: &byte) { try? writeEnd.write($0) }
        for handler in handlers { handler(signalNumber) }
        for waiter in waiters { waiter.resume(returning: signalNumber) }
    }

    /// The signal that arrived, if one has.
    public var receivedSignal: CInt? { state.withLock { $0.received } }

    /// Calls `handler` (on a Dispatch queue) when the first signal arrives, or at once if
    /// one already has.
    ///
    /// - Parameter handler: Receives the signal's number.
    public func onSignal(_ handler: @escaping @Sendable (CInt) -> Void) {
        let already = state.withLock { state in
            if state.received == nil { state.handlers.append(handler) }
            return state.received
        }
        if let already { handler(already) }
    }

    /// Waits for the first signal.
    ///
    /// - Returns: The signal's number.
    public func wait() async -> CInt {
        await withCheckedContinuation { continuation in
            let already = state.withLock { state in
                if state.received == nil { state.waiters.append(continuation) }
                return state.received
            }
            if let already { continuation.resume(returning: already) }
        }
    }

    /// `SIGINT` or `SIGTERM`, by name.
    ///
    /// - Parameter signalNumber: A signal number.
    /// - Returns: Its name.
    public static func name(of signalNumber: CInt) -> String {
        Signal.name(of: signalNumber)
    }
}
