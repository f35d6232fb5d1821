import Dispatch
import E0402
import ExerciseSupport
import Sockets
import SystemCalls
import Testing

/// A listener whose accept queue is full, so that the kernel drops new connection requests.
///
/// Linux queues at most `backlog + 1` finished handshakes; with backlog 0, one. While the
/// queue is full, a SYN is silently dropped (the client retries it after a second, then
/// after three more), so a connect to this listener neither succeeds nor fails: it waits, as
/// for a host that is down. A filler that has not connected within half a second, well
/// before the first retry, has met a full queue.
private func listenerThatNeverAnswers() throws -> (ListeningSocket, [Connection]) {
    let listener = try ListeningSocket(
        address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0),
        backlog: 0
    )
    var fillers: [Connection] = []
    for _ in 0..<8 {
        do {
            fillers.append(
                try Connection.connect(to: listener.localAddress, timeout: .milliseconds(500))
            )
        } catch {
            return (listener, fillers)  // this one timed out: the queue is full
        }
    }
    Issue.record("the accept queue never filled up: this test needs Linux's backlog behaviour")
    return (listener, fillers)
}

@Suite("4.2 connect(to:timeout:): non-blocking connect, poll, SO_ERROR", .serialized)
struct ConnectWithTimeoutTests {
    @Test("connects to a listening server, and the connection carries bytes both ways")
    func connects() throws {
        let listener = try ListeningSocket(address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0))
        defer { listener.close() }
        let client = try E0402.connect(to: listener.localAddress, timeout: .seconds(5))
        defer { client.close() }
        let server = try listener.accept()
        defer { server.close() }
        try client.writeAll("ping")
        let atServer = server.read(exactly: 4)
        #expect(
            Bytes(atServer.bytes) == Bytes("ping"),
            "the client sent 4 bytes \"ping\"; the server \(atServer)"
        )
        try server.writeAll("pong")
        let atClient = client.read(exactly: 4)
        #expect(
            Bytes(atClient.bytes) == Bytes("pong"),
            "the server sent 4 bytes \"pong\"; the client \(atClient)"
        )
    }

    @Test("the connection it returns is blocking again")
    func blockingAgain() throws {
        let listener = try ListeningSocket(address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0))
        defer { listener.close() }
        let client = try E0402.connect(to: listener.localAddress, timeout: .seconds(5))
        defer { client.close() }
        #expect(
            try client.socket.descriptor.isNonBlocking() == false,
            "a connection returned non-blocking makes every blocking read fail with EAGAIN"
        )
    }

    @Test("no timeout (nil) still connects")
    func noTimeout() throws {
        let listener = try ListeningSocket(address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0))
        defer { listener.close() }
        let client = try E0402.connect(to: listener.localAddress, timeout: nil)
        client.close()
    }

    @Test("IPv6 works the same way")
    func ipv6() throws {
        let listener = try ListeningSocket(address: SocketAddress(numericHost: "::1", port: 0))
        defer { listener.close() }
        let client = try E0402.connect(to: listener.localAddress, timeout: .seconds(5))
        client.close()
    }

    @Test("nothing listening: ECONNREFUSED, naming connect, and no descriptor left open")
    func refused() throws {
        let address = try unusedLoopbackAddress()
        let before = openDescriptorCount()
        #expect(throws: SystemCallError(call: "connect", errno: .connectionRefused)) {
            try E0402.connect(to: address, timeout: .seconds(5))
        }
        #expect(openDescriptorCount() == before, "the failed connection's socket was not closed")
    }

    @Test("a server that never answers: ETIMEDOUT after the timeout, naming connect")
    func timesOut() throws {
        let (listener, fillers) = try listenerThatNeverAnswers()
        defer {
            for filler in fillers { filler.close() }
            listener.close()
        }
        let before = openDescriptorCount()
        let start = DispatchTime.now()
        #expect(throws: SystemCallError(call: "connect", errno: .timedOut)) {
            try E0402.connect(to: listener.localAddress, timeout: .milliseconds(300))
        }
        let milliseconds =
            (DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
        #expect(milliseconds >= 250, "gave up after \(milliseconds) ms, before the 300 ms timeout")
        #expect(milliseconds < 3000, "the 300 ms timeout took \(milliseconds) ms")
        #expect(openDescriptorCount() == before, "the timed-out connection's socket was not closed")
    }
}
