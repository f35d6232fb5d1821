// Exercise 3.2, solved: the blocking accept loop, one client at a time.
// The library's version is `serveOneAtATime` in Sources/echo-server/main.swift.

import ExerciseSupport
import Sockets
import SystemCalls

/// Serves clients one after another: accept, echo until the client closes, repeat.
///
/// - Parameters:
///   - listener: A listening socket.
///   - clients: How many clients to serve before returning.
/// - Throws: ``SystemCallError`` if `accept` fails. A failure while serving one client
///   ends that client only.
public func serveOneAtATime(_ listener: ListeningSocket, clients: Int) throws {
    for _ in 0..<clients {
        let connection = try listener.accept()
        defer { connection.close() }  // close exactly once, however we leave
        do {
            while true {
                let bytes = try connection.read()
                if bytes.isEmpty { break }  // end of stream: the client closed its side
                try connection.writeAll(bytes)
            }
        } catch {
            // A reset ends this client only; the next one is served as usual.
        }
    }
}
