import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing

@Suite("Connections over loopback: connect, read, write, half-close, failures", .ownThread)
struct ConnectionTests {
    @Test(
        "connecting where nothing listens is refused, and the error names connect",
        arguments: loopbackHosts
    )
    func refused(host: String) throws {
        let closed = try closedPort(on: host)
        defer { closed.release() }
        let address = closed.address
        #expect(throws: SystemCallError(call: "connect", errno: .connectionRefused)) {
            try Connection.connect(to: address, timeout: .seconds(5))
        }
        #expect(throws: SystemCallError(call: "connect", errno: .connectionRefused)) {
            try Connection.connect(to: address)  // no timeout: waits as long as the kernel
        }
    }

    @Test(
        "binding a port another socket listens on fails with EADDRINUSE from bind",
        arguments: loopbackHosts
    )
    func addressInUse(host: String) throws {
        let first = try ListeningSocket(host: host, port: 0)
        defer { first.close() }
        #expect(throws: SystemCallError(call: "bind", errno: .addressInUse)) {
            try ListeningSocket(address: first.localAddress)
        }
    }

    @Test(
        "a listener on port 0 reports the port the kernel gave it, and a client reaches it there",
        arguments: loopbackHosts
    )
    func portZeroAndRoundTrip(host: String) throws {
        let listener = try ListeningSocket(host: host, port: 0)
        defer { listener.close() }
        #expect(listener.localAddress.port != 0)
        #expect(listener.localAddress.host == host)
        #expect(try listener.socket.localAddress() == listener.localAddress)

        let client = try Connection.connect(to: listener.localAddress)
        let server = try listener.accept()
        defer {
            client.close()
            server.close()
        }
        #expect(try client.socket.peerAddress() == listener.localAddress)
        #expect(try server.socket.peerAddress() == client.socket.localAddress())

        let deadline = Deadline(after: .seconds(5))
        try client.writeAll("ping")
        #expect(try server.read(exactly: 4, before: deadline) == Array("ping".utf8))
        try server.writeAll("pong!")
        #expect(try client.read(exactly: 5, before: deadline) == Array("pong!".utf8))
    }

    @Test(
        "writeAll sends several MiB intact through a small send buffer to a slower reader",
        arguments: loopbackHosts
    )
    func writeAllLarge(host: String) throws {
        let pair = try ConnectedPair(host: host)
        defer { pair.close() }
        // A small buffer on a non-blocking socket: most sends are partial or would block,
        // and writeAll must carry on from where each one stopped.
        try pair.client.socket.set(.sendBufferSize, 4096)
        try pair.client.socket.setNonBlocking(true)
        let payload = numberedBlocks(count: 64, size: 64 * 1024)  // 4 MiB
        let server = pair.server
        let reader = try TestThread(name: "slow-reader") {
            var received: [UInt8] = []
            received.reserveCapacity(payload.count)
            while true {
                let bytes = try server.read(upTo: 1500)  // small reads: slower than the writer
                if bytes.isEmpty { return received }
                received += bytes
            }
        }
        try pair.client.writeAll(payload)
        try pair.client.shutdownWriting()
        let received = try reader.result(within: .seconds(30))
        #expect(received.count == payload.count)
        #expect(received == payload)
    }

    @Test(
        "after the peer's shutdownWriting a read returns end of stream, and the other direction still works",
        arguments: loopbackHosts
    )
    func halfClose(host: String) throws {
        let pair = try ConnectedPair(host: host)
        defer { pair.close() }
        let deadline = Deadline(after: .seconds(5))
        try pair.client.writeAll("last words")
        try pair.client.shutdownWriting()

        #expect(try pair.server.readToEnd(before: deadline) == Array("last words".utf8))
        #expect(try pair.server.read() == [])  // end of stream stays end of stream

        try pair.server.writeAll("still heard")
        try pair.server.shutdownWriting()
        #expect(try pair.client.readToEnd(before: deadline) == Array("still heard".utf8))
    }

    @Test(
        "a peer that resets mid-write makes writeAll throw ECONNRESET or EPIPE, not crash",
        arguments: loopbackHosts
    )
    func resetMidWrite(host: String) throws {
        let pair = try ConnectedPair(host: host)
        defer { pair.close() }
        let client = pair.client
        // Far more than the kernel buffers can hold, so writeAll is blocked in send when
        // the reset arrives.
        let writer = try TestThread(name: "writer") { () -> SystemCallError? in
            let chunk = [UInt8](repeating: 0x2A, count: 1 << 20)
            for _ in 0..<256 {
                do throws(SystemCallError) {
                    try client.writeAll(chunk)
                } catch {
                    return error
                }
            }
            return nil
        }
        // Wait for the first bytes, so the reset really interrupts a transfer under way.
        _ = try pair.server.read(exactly: 1, before: Deadline(after: .seconds(5)))
        try pair.server.closeWithReset()

        let failure = try #require(try writer.result(within: .seconds(10)))
        #expect(failure.call == "send")
        #expect([Errno.connectionReset, .brokenPipe].contains(failure.errno))
    }

    @Test("reading from a peer that reset gives ECONNRESET", arguments: loopbackHosts)
    func resetWhileReading(host: String) throws {
        let pair = try ConnectedPair(host: host)
        defer { pair.close() }
        try pair.server.closeWithReset()
        try pair.client.waitReadable(before: Deadline(after: .seconds(5)), for: "the reset")
        #expect(throws: SystemCallError(call: "read", errno: .connectionReset)) {
            try pair.client.read()
        }
    }

    @Test(
        "writing to a closed peer gives EPIPE or ECONNRESET and SIGPIPE never kills the process",
        arguments: loopbackHosts
    )
    func noSIGPIPE(host: String) async {
        // In a child process with SIGPIPE's default action (terminate), so that a plain
        // write(2) would kill it and this test would fail.
        await #expect(processExitsWith: .success) { [host] in
            SignalDisposition.restoreDefault(SIGPIPE)
            let pair = try ConnectedPair(host: host)
            pair.server.close()
            var failure: SystemCallError?
            for _ in 0..<1000 where failure == nil {
                do throws(SystemCallError) {
                    try pair.client.writeAll("anyone there?\n")
                } catch {
                    failure = error
                }
                try? pair.client.waitReadable(
                    before: Deadline(after: .milliseconds(10)),
                    for: "RST"
                )
            }
            let errno = try #require(failure).errno
            #expect([Errno.brokenPipe, .connectionReset].contains(errno))
            // The socket is still ours to use, and fails the same way again.
            #expect(throws: SystemCallError.self) { try pair.client.writeAll("again") }
            pair.client.close()
        }
    }

    /// `count` blocks of `size` pseudo-random bytes, each starting with its own number, so
    /// that a lost, repeated or reordered piece shows up as a difference.
    func numberedBlocks(count: Int, size: Int) -> [UInt8] {
        let block = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ $0 >> 8) }
        var payload: [UInt8] = []
        payload.reserveCapacity(count * size)
        for number in 0..<count {
            payload += withUnsafeBytes(of: UInt32(number).bigEndian) { Array($0) }
            payload += block[4...]
        }
        return payload
    }
}
