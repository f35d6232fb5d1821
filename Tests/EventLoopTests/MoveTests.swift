import Dispatch
import EventLoop
import Sockets
import Synchronization
import SystemCalls
import TestSupport
import Testing

@Suite(
    "Moving a connection to another loop, over real sockets",
    .timeLimit(.minutes(1)),
    .ownThread
)
struct MoveTests {
    @Test("a moved connection echoes from its new loop; the old object is closed and silent")
    func echoAfterMove() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { try? group.shutdown() }
        let (report, log) = (OldSideReport(), NewSideLog())
        let server = try TCPServer(address: loopback(.ipv4), group: group) { _ in
            MoveAfterFirstLine(target: { otherLoop(in: group, than: $0) }, report: report) { _ in
                MovedEcho(log: log)
            }
        }
        let clients = try (0..<4).map { _ in try connectClient(to: server.localAddress) }
        for client in clients {
            try client.writeAll("MOVE\nhello")
            #expect(try readExactly(5, from: client) == Array("hello".utf8))
            try client.writeAll("again")
            #expect(try readExactly(5, from: client) == Array("again".utf8))
        }
        // Accepted round-robin on loop-0, loop-1, loop-0, loop-1; each moved to the other.
        let opens = log.events.withLock { $0.filter { $0.hasPrefix("open") } }
        #expect(
            opens.sorted() == [
                "open on loop-0, on its thread: true", "open on loop-0, on its thread: true",
                "open on loop-1, on its thread: true", "open on loop-1, on its thread: true",
            ]
        )
        #expect(!report.oldObjectStayedOpen)
        // Nothing keeps the old objects: not the old loop, not the server's registry.
        #expect(try await report.oldObjectsAlive() == 0)
        for client in clients {
            try client.shutdownWriting()
            #expect(try readToEnd(client) == [])  // no "dropped": the old object sent nothing
            client.close()
        }
        try await shutDownWhenDrained(server)
        #expect(!report.oldHandlerHeardClose)
    }

    @Test("output queued before the move leaves first, in order, then what the new side writes")
    func queuedOutputFirst() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { try? group.shutdown() }
        let report = OldSideReport()
        // Part is sent before the move (the client does not read yet, so some stays
        // queued), part is queued just before it; the new side greets once it opens.
        let early = pattern(1 << 20)
        let late = Array(pattern(3 << 20)[(1 << 20)...])
        let server = try TCPServer(address: loopback(.ipv4), group: group) { _ in
            MoveAfterFirstLine(
                target: { otherLoop(in: group, than: $0) },
                report: report,
                writeOnOpen: early,
                writeBeforeMove: late
            ) { _ in MovedEcho(log: NewSideLog(), greeting: Array("AFTER".utf8)) }
        }
        let client = try connectClient(to: server.localAddress)
        try client.writeAll("MOVE\n")
        let received = try readExactly((3 << 20) + 5, from: client)
        client.close()
        #expect(received.count == (3 << 20) + 5)
        #expect(Array(received.prefix(3 << 20)) == pattern(3 << 20))
        #expect(Array(received.suffix(5)) == Array("AFTER".utf8))
        #expect(report.moveCount == 1)
        try await shutDownWhenDrained(server)
    }

    @Test("bytes read before the move reach the new handler right after it opens")
    func alreadyReceivedBytes() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { try? group.shutdown() }
        let log = NewSideLog()
        let server = try TCPServer(address: loopback(.ipv4), group: group) { _ in
            MoveAfterFirstLine(target: { otherLoop(in: group, than: $0) }, report: OldSideReport())
            { _ in MovedEcho(log: log) }
        }
        let client = try connectClient(to: server.localAddress)
        try client.writeAll("MOVE\nrest of the first packet")
        let echoed = try readExactly(24, from: client)
        client.close()
        #expect(String(decoding: echoed, as: UTF8.self) == "rest of the first packet")
        #expect(log.events.withLock { $0.first?.hasPrefix("open") } == true)
        #expect(log.received.withLock { $0 } == Array("rest of the first packet".utf8))
        try await shutDownWhenDrained(server)
    }

    @Test("moved connections stay counted once, and a graceful shutdown reaches them")
    func countedAndShutDown() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { try? group.shutdown() }
        // A loop outside the server's group: a connection may move anywhere in the process.
        let outside = try EventLoop(name: "outside")
        defer { try? outside.shutdown() }
        let (report, log) = (OldSideReport(), NewSideLog())
        let accepted = Locked(0)
        let server = try TCPServer(address: loopback(.ipv4), group: group) { _ in
            let index = accepted.withLock { count in
                count += 1
                return count
            }
            return MoveAfterFirstLine(
                target: { _ in index % 3 == 0 ? outside : group.loops[0] },
                report: report
            ) { _ in MovedEcho(log: log) }
        }
        let clients = try (0..<6).map { _ in try connectClient(to: server.localAddress) }
        for client in clients {
            try client.writeAll("MOVE\nping")
            #expect(try readExactly(4, from: client) == Array("ping".utf8))
        }
        #expect(server.connectionCount == 6)
        let opens = log.events.withLock { $0.filter { $0.hasPrefix("open") } }
        #expect(opens.filter { $0.contains("outside") }.count == 2)
        #expect(opens.filter { $0.contains("loop-0") }.count == 4)
        // Clients told to go away close their side, as polite peers do.
        let closers = try clients.map { client in
            try SystemThread.start(name: "closer") {
                _ = try? readToEnd(client)
                client.close()
            }
        }
        let shutdown = Task { await server.shutdown(gracePeriod: .seconds(5)) }
        try await waitUntil { server.connectionCount == 0 }
        for closer in closers { try closer.join() }
        #expect(log.events.withLock { $0.filter { $0 == "asked to shut down" }.count } == 6)
        guard server.connectionCount == 0 else { return }  // a shutdown that never ends
        await shutdown.value
        #expect(!report.oldHandlerHeardClose)
    }

    @Test("a move whose target cannot register the socket closes it, tells why, counts it out")
    func targetRefuses() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let refusing = try EventLoop(name: "refusing", selector: RefusingSelector())
        defer { try? refusing.shutdown() }
        let log = NewSideLog()
        let server = try TCPServer(address: loopback(.ipv4), group: group) { _ in
            MoveAfterFirstLine(target: { _ in refusing }, report: OldSideReport()) { _ in
                MovedEcho(log: log)
            }
        }
        let client = try connectClient(to: server.localAddress)
        defer { client.close() }
        try client.writeAll("MOVE\n")
        #expect(try readToEnd(client) == [])  // the socket was closed
        try await shutDownWhenDrained(server)
        #expect(
            log.events.withLock { $0 } == [
                "closed: register: Cannot allocate memory (ENOMEM, errno 12)"
            ]
        )
    }

    @Test("a move to the same loop swaps the handler in place, on the same open connection")
    func moveToSameLoop() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let (report, log) = (OldSideReport(), NewSideLog())
        let server = try TCPServer(address: loopback(.ipv4), group: group) { _ in
            MoveAfterFirstLine(target: { $0.loop }, report: report) { _ in MovedEcho(log: log) }
        }
        let client = try connectClient(to: server.localAddress)
        try client.writeAll("MOVE\nsame")
        #expect(try readExactly(4, from: client) == Array("same".utf8))
        try client.writeAll("loop")
        #expect(try readExactly(4, from: client) == Array("loop".utf8))
        #expect(report.oldObjectStayedOpen)
        #expect(report.connections.withLock { $0 } == log.connections.withLock { $0 })
        #expect(server.connectionCount == 1)
        client.close()
        try await shutDownWhenDrained(server)
        #expect(!report.oldHandlerHeardClose)
        #expect(log.events.withLock { $0.last?.hasPrefix("closed") } == true)
    }

    @Test(
        "a peer that goes away while its connection moves is seen on the new loop",
        arguments: [
            false, true,
        ]
    )
    func peerClosesDuringMove(withReset: Bool) async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { try? group.shutdown() }
        let (report, log) = (OldSideReport(), NewSideLog())
        // The target loop is held busy until the peer has gone, so the move is in flight.
        let target = group.loops[1]
        let release = DispatchSemaphore(value: 0)
        target.execute { release.wait() }
        let server = try TCPServer(address: loopback(.ipv4), group: group) { _ in
            MoveAfterFirstLine(target: { _ in target }, report: report) { _ in MovedEcho(log: log) }
        }
        let client = try connectClient(to: server.localAddress)
        try client.writeAll("MOVE\nlast words")
        try await waitUntil { report.moveCount == 1 }
        if withReset { try client.closeWithReset() } else { client.close() }
        release.signal()
        try await shutDownWhenDrained(server)
        let events = log.events.withLock { $0 }
        #expect(events.first == "open on loop-1, on its thread: true")
        #expect(events.last?.hasPrefix("closed") == true)
        #expect(log.received.withLock { $0 } == Array("last words".utf8))
        #expect(!report.oldHandlerHeardClose)
    }
}
