import EventLoop
import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing

@Suite("TCP server and connections on the event loop, over real loopback sockets", .ownThread)
struct TCPServerTests {
    static let setups: [(SelectorKind, SocketAddress.Family)] = SelectorKind.available.flatMap {
        kind in [(kind, .ipv4), (kind, .ipv6)]
    }

    @Test("an echo server returns every byte, in order", arguments: setups)
    func echo(kind: SelectorKind, family: SocketAddress.Family) async throws {
        let group = try EventLoopGroup(loopCount: 2, selectorKind: kind)
        defer { try? group.shutdown() }
        let server = try TCPServer(address: loopback(family), group: group) { _ in EchoHandler() }
        let client = try connectClient(to: server.localAddress)
        let payload = pattern(1 << 20)
        let writer = try SystemThread.start(name: "writer") { try? client.writeAll(payload) }
        #expect(try readExactly(payload.count, from: client) == payload)
        try writer.join()
        client.close()
        await server.shutdown()
    }

    @Test("accepted connections are spread over the group's loops")
    func spreadOverLoops() async throws {
        let group = try EventLoopGroup(loopCount: 3)
        defer { try? group.shutdown() }
        let loopsUsed = Locked<Set<String>>([])
        let server = try TCPServer(address: loopback(.ipv4), group: group) { connection in
            loopsUsed.withLock { _ = $0.insert(connection.loop.name) }
            return EchoHandler()
        }
        let clients = try (0..<6).map { _ in try connectClient(to: server.localAddress) }
        for client in clients {
            try client.writeAll("x")
            #expect(try readExactly(1, from: client) == Array("x".utf8))
        }
        #expect(loopsUsed.withLock { $0 } == ["loop-0", "loop-1", "loop-2"])
        for client in clients { client.close() }
        await server.shutdown()
    }

    @Test("half-close: the client's FIN ends input, and every echo still arrives before ours")
    func halfClose() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let server = try TCPServer(address: loopback(.ipv4), group: group) { _ in EchoHandler() }
        let client = try connectClient(to: server.localAddress)
        let payload = pattern(300_000)
        try client.writeAll(payload)
        try client.shutdownWriting()
        #expect(try readToEnd(client) == payload)
        client.close()
        await server.shutdown()
    }

    @Test("a client that never reads is back-pressured: the server stops reading it")
    func backPressure() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        var configuration = TCPServer.Configuration()
        configuration.connection.highWaterMark = 64 * 1024
        configuration.connection.lowWaterMark = 16 * 1024
        let recorder = RecordingHandler()
        let connectionBox = Locked<LoopBound<TCPConnection>?>(nil)
        let server = try TCPServer(
            address: loopback(.ipv4),
            group: group,
            configuration: configuration
        ) {
            connection in
            connectionBox.withLock { $0 = LoopBound(connection, on: connection.loop) }
            return EchoAndRecordHandler(recorder: recorder)
        }
        let client = try Connection.connect(to: server.localAddress, timeout: .seconds(5))
        defer { client.close() }
        try client.socket.setNonBlocking(true)
        // Send until the kernel refuses more: the server echoes into our full receive buffer,
        // its own output queue passes the high-water mark, and it stops reading from us.
        let chunk = pattern(16 * 1024)
        var sent = 0
        var refusedInARow = 0
        while refusedInARow < 50 && sent < 64 << 20 {
            let offset = sent % chunk.count
            let count = try chunk.withBytes { (bytes) throws(SystemCallError) in
                try client.socket.descriptor.send(
                    UnsafeRawBufferPointer(rebasing: bytes[offset...])
                )
            }
            if let count {
                sent += count
                refusedInARow = 0
            } else {
                refusedInARow += 1
                _ = try Poll.wait(
                    for: client.socket.descriptor,
                    events: CShort(POLLOUT),
                    timeoutMilliseconds: 10
                )
            }
        }
        #expect(sent < 64 << 20, "the server kept reading: no back-pressure")
        let bound = try #require(connectionBox.withLock { $0 })
        let (pending, writable) = try await bound.loop.submit {
            (bound.value.pendingOutputCount, bound.value.isWritable)
        }
        #expect(!writable)
        // Bounded: the mark plus at most one batch of reads (4 × 64 KiB).
        #expect(pending <= 64 * 1024 + 4 * 64 * 1024)
        #expect(recorder.writabilityChanges.withLock { $0.last } == false)
        // Now read everything: reading resumes, and every byte comes back intact.
        try client.socket.setNonBlocking(false)
        try client.socket.setReceiveTimeout(.seconds(10))
        var echoed: [UInt8] = []
        echoed.reserveCapacity(sent)
        while echoed.count < sent {
            echoed += try client.read()
        }
        let intact =
            echoed.count == sent
            && echoed.indices.allSatisfy { echoed[$0] == chunk[$0 % chunk.count] }
        #expect(intact, "\(echoed.count) of \(sent) bytes came back; intact: \(intact)")
        try await waitUntil { recorder.writabilityChanges.withLock { $0.last } == true }
        client.close()
        await server.shutdown()
    }

    @Test("the idle timeout closes a silent connection, measured on the manual clock")
    func idleTimeout() async throws {
        let clock = ManualClock()
        let group = try EventLoopGroup(loopCount: 1, clock: clock)
        defer { try? group.shutdown() }
        var configuration = TCPServer.Configuration()
        configuration.connection.idleTimeout = .seconds(30)
        let recorder = RecordingHandler()
        let server = try TCPServer(
            address: loopback(.ipv4),
            group: group,
            configuration: configuration
        ) {
            _ in recorder
        }
        let client = try connectClient(to: server.localAddress)
        defer { client.close() }
        try client.writeAll("hello")
        try await waitUntil { recorder.received.withLock { $0.count } == 5 }
        clock.advance(by: .seconds(29))
        try await group.loops[0].submit {}
        let closedEarly = recorder.closed.load(ordering: .acquiring)
        #expect(!closedEarly)
        clock.advance(by: .seconds(2))
        try await waitUntil { recorder.closed.load(ordering: .acquiring) }
        #expect(recorder.closeError.withLock { $0 } == "\(TCPConnectionError.idleTimeout)")
        #expect(try client.read() == [])  // the server closed: end of stream
        client.close()
        await server.shutdown()
    }

    @Test("a peer that resets mid-write is reported to the handler, and the server carries on")
    func peerResetMidWrite() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let recorder = RecordingHandler()
        let server = try TCPServer(address: loopback(.ipv4), group: group) { connection in
            connection.write(pattern(2 << 20))  // a flood, sent as soon as the connection opens
            return recorder
        }
        let client = try connectClient(to: server.localAddress)
        _ = try client.read(upTo: 1024)  // the flood has started
        try client.socket.descriptor.setOption(
            level: SOL_SOCKET,
            name: SO_LINGER,
            value: linger(l_onoff: 1, l_linger: 0)
        )
        client.close()  // with SO_LINGER 0: a reset, not a FIN
        try await waitUntil { recorder.closed.load(ordering: .acquiring) }
        let error = try #require(recorder.closeError.withLock { $0 })
        #expect(error.contains("ECONNRESET") || error.contains("EPIPE"))
        // Another client is served normally.
        let other = try connectClient(to: server.localAddress)
        #expect(try other.read(upTo: 16).count > 0)
        other.close()
        await server.shutdown()
    }

    @Test("graceful shutdown flushes, closes every connection and releases the port")
    func gracefulShutdown() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { try? group.shutdown() }
        let server = try TCPServer(address: loopback(.ipv4), group: group) { _ in EchoHandler() }
        let clients = try (0..<10).map { _ in try connectClient(to: server.localAddress) }
        for client in clients {
            try client.writeAll("ping")
            #expect(try readExactly(4, from: client) == Array("ping".utf8))
        }
        #expect(server.connectionCount == 10)
        // Clients that are told to go away close their side, as polite peers do.
        let closers = try clients.map { client in
            try SystemThread.start(name: "closer") {
                _ = try? readToEnd(client)
                client.close()
            }
        }
        await server.shutdown(gracePeriod: .seconds(5))
        for closer in closers { try closer.join() }
        #expect(server.connectionCount == 0)
        let again = try ListeningSocket(address: server.localAddress)  // the port is free again
        again.close()
    }

    @Test("connections past the maximum are refused at once; the others are served")
    func maximumConnections() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        var configuration = TCPServer.Configuration()
        configuration.maximumConnections = 2
        let server = try TCPServer(
            address: loopback(.ipv4),
            group: group,
            configuration: configuration
        ) {
            _ in EchoHandler()
        }
        let first = try connectClient(to: server.localAddress)
        let second = try connectClient(to: server.localAddress)
        for client in [first, second] {
            try client.writeAll("a")
            #expect(try readExactly(1, from: client) == Array("a".utf8))
        }
        let third = try connectClient(to: server.localAddress)
        #expect(try readToEnd(third) == [])  // accepted, then closed at once
        for client in [first, second, third] { client.close() }
        await server.shutdown()
    }

    @Test("no descriptor leaks after hundreds of connections come and go")
    func noDescriptorLeakAfterServing() async throws {
        try await inIsolatedProcess("noDescriptorLeakAfterServing") {
            try await servesAndReleasesEverything()
        }
    }

    func servesAndReleasesEverything() async throws {
        _ = try OpenFileLimit.raise(toAtLeast: 4096)
        // Let the concurrency runtime open what it keeps for the process's lifetime first.
        try await Task.sleep(for: .milliseconds(1))
        let before = openDescriptorTargets()
        let group = try EventLoopGroup(loopCount: 2)
        let server = try TCPServer(address: loopback(.ipv4), group: group) { _ in EchoHandler() }
        for _ in 0..<5 {
            let clients = try (0..<100).map { _ in try connectClient(to: server.localAddress) }
            for client in clients {
                try client.writeAll("x")
                _ = try readExactly(1, from: client)
            }
            for client in clients { client.close() }
        }
        try await waitUntil { server.connectionCount == 0 }
        await server.shutdown()
        try group.shutdown()
        let after = openDescriptorTargets()
        #expect(after == before, "left open: \(after.filter { before[$0.key] != $0.value })")
    }
}

/// Echoes, and reports writability changes to a recorder.
final class EchoAndRecordHandler: TCPConnectionHandler {
    let recorder: RecordingHandler

    init(recorder: RecordingHandler) {
        self.recorder = recorder
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        connection.write(bytes)
    }

    func connectionWritabilityDidChange(_ connection: TCPConnection) {
        recorder.connectionWritabilityDidChange(connection)
    }
}

@Suite("The loop's clock, seen by handlers", .ownThread)
struct LoopClockTests {
    /// A loop that slept longer than the idle timeout must not hand its handlers the time it went
    /// to sleep: a connection accepted then would start its idle timer in the past and be closed at
    /// once.
    ///
    /// Real time passes here on purpose: that is the scenario.
    @Test("a connection accepted after the loop slept a long time gets its whole idle timeout")
    func freshTimeAfterALongSleep() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        var configuration = TCPServer.Configuration()
        configuration.connection.idleTimeout = .seconds(1)
        let server = try TCPServer(
            address: loopback(.ipv4),
            group: group,
            configuration: configuration
        ) { _ in EchoHandler() }
        // The timed part runs on a thread of its own: on the cooperative pool, which other
        // tests keep busy, a 300 ms sleep can stretch past the idle timeout by itself.
        let address = server.localAddress
        let exchange = try TestThread { () throws -> [UInt8] in
            usleep(1_500_000)  // the loop sleeps, nothing to do
            let client = try connectClient(to: address)
            defer { client.close() }
            usleep(300_000)
            try client.writeAll("still open?")
            return try readExactly(11, from: client)
        }
        #expect(try exchange.result(within: .seconds(30)) == Array("still open?".utf8))
        await server.shutdown()
    }
}
