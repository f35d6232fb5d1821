import Sockets
import SystemCalls
import TestSupport
import Testing

@Suite("Connect with a timeout: poll(2) bounds the handshake", .ownThread)
struct ConnectTimeoutTests {
    @Test("a connect that can complete does so well within its timeout", arguments: loopbackHosts)
    func succeeds(host: String) throws {
        let listener = try ListeningSocket(host: host, port: 0)
        defer { listener.close() }
        let started = ContinuousClock.now
        let client = try Connection.connect(to: listener.localAddress, timeout: .seconds(2))
        defer { client.close() }
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(try client.socket.peerAddress() == listener.localAddress)
        // connect(to:timeout:) hands back a blocking socket, as Connection's methods expect.
        #expect(try client.socket.descriptor.isNonBlocking() == false)
    }

    @Test(
        "a handshake that never completes ends with ETIMEDOUT from connect after the timeout",
        arguments: loopbackHosts
    )
    func timesOut(host: String) throws {
        // Linux drops a SYN when the listener's accept queue is full (a backlog of 0 holds
        // one finished connection), and the client only retransmits it after a second.
        // So once one connection waits unaccepted, the next handshake cannot finish within
        // the timeout below, deterministically.
        let listener = try ListeningSocket(host: host, port: 0, backlog: 0)
        defer { listener.close() }
        let queued = try Connection.connect(to: listener.localAddress, timeout: .seconds(2))
        defer { queued.close() }

        let timeout = Duration.milliseconds(300)
        let started = ContinuousClock.now
        #expect(throws: SystemCallError(call: "connect", errno: .timedOut)) {
            try Connection.connect(to: listener.localAddress, timeout: timeout)
        }
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= timeout)
        #expect(elapsed < .seconds(2))
    }
}
