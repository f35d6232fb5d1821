// Exercise 3.2: the blocking accept loop, one client at a time.
// Read the task in ../../README.md; check it with `swift run grade 3.2`.

import ExerciseSupport
import Sockets
import SystemCalls

/// Serves clients one after another: accept, echo until the client closes, repeat.
///
/// This is `serveOneAtATime` from the echo server (`Sources/echo-server/main.swift`), with
/// a stop condition a test can control: it returns after `clients` clients, where the
/// demo waits for a shutdown signal.
///
/// - Parameters:
///   - listener: A listening socket, from the library (you wrote one in exercise 3.1).
///   - clients: How many clients to serve before returning.
/// - Throws: ``SystemCallError`` if `accept` fails. A failure while serving one client
///   (the client reset the connection, say) ends that client only: the loop goes on.
public func serveOneAtATime(_ listener: ListeningSocket, clients: Int) throws {
    // TODO(E0302): `clients` times: accept a connection; read and write back everything
    // until the client closes its side (an empty read); close the connection, always.
    throw Unimplemented("E0302: serveOneAtATime(_:clients:)")
}
