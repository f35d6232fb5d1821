import EventLoop
import SystemCalls

// snippet: run-server
/// Runs a server demo from start-up to a graceful stop: the part every server demo shares.
///
/// In order, it:
/// 1. catches `SIGINT` and `SIGTERM` (``ShutdownSignal``), first, so that a signal sent
///    while the server starts is not lost;
/// 2. starts the event loops, `--loops N` of them (default: one per core);
/// 3. raises the open-file limit to 65 536, as every client costs a descriptor;
/// 4. calls `start` with the loops, to make the demo's own server;
/// 5. prints `listening on HOST:PORT` and waits for a signal;
/// 6. logs it (`SIGINT: shutting down`), gives the connections five seconds to finish,
///    stops the loops, and returns.
///
/// Any error on the way is logged and ends the process with status 1.
///
/// - Parameters:
///   - options: The demo's command line, for `--loops`.
///   - logger: Where the signal and errors are logged.
///   - start: Makes the demo's server on the loops it is given.
@MainActor
public func runServer<Server: ListeningServer>(
    options: DemoOptions,
    logger: Logger,
    start: (EventLoopGroup) async throws -> Server
) async {
    do {
        let shutdown = try ShutdownSignal()
        let group = try EventLoopGroup(
            loopCount: options.integer("--loops", default: SystemInfo.activeProcessorCount)
        )
        _ = try? OpenFileLimit.raise(toAtLeast: 65536)
        let server = try await start(group)
        announceListening(on: server.localAddress)
        let signal = await shutdown.wait()
        logger.info("\(ShutdownSignal.name(of: signal)): shutting down")
        await server.shutdown(gracePeriod: .seconds(5))
        try group.shutdown()
    } catch {
        logger.error("\(error)")
        CurrentProcess.exit(1)
    }
}
// end-snippet
