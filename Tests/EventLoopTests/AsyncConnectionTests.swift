import EventLoop
import Sockets
import Synchronization
import SystemCalls
import TestSupport
import Testing

@Suite("The async face: tasks that run on the connection's loop", .ownThread)
struct AsyncConnectionTests {
    @Test("an async echo server and an async client exchange a megabyte intact")
    func asyncEcho() async throws {
        let group = try EventLoopGroup(loopCount: 2)
        defer { try? group.shutdown() }
        let offLoop = Counter()
        let server = try TCPServer(address: loopback(.ipv4), group: group) { connection in
            for try await bytes in connection.inbound {
                // Every step of this task runs on the connection's loop: no thread hop.
                if !connection.loop.inEventLoop { offLoop.increment() }
                try await connection.write(bytes)
            }
        }
        let client = try await AsyncTCPConnection.connect(
            to: server.localAddress,
            on: group.loops[1]
        )
        let payload = pattern(1 << 20)
        let writer = Task { try await client.write(payload) }
        var echoed: [UInt8] = []
        for try await bytes in client.inbound {
            echoed += bytes
            if echoed.count >= payload.count { break }
        }
        try await writer.value
        #expect(echoed == payload)
        #expect(offLoop.count == 0)
        await client.close()
        await server.shutdown()
    }

    @Test("connecting to a closed port throws the connect error, typed")
    func connectRefused() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let closed = try closedPort(on: "127.0.0.1")
        defer { closed.release() }
        let address = closed.address
        await #expect(throws: SystemCallError(call: "connect", errno: .connectionRefused)) {
            _ = try await AsyncTCPConnection.connect(to: address, on: group.loops[0])
        }
    }

    @Test("end of stream ends the inbound sequence; a half-closed connection can still write")
    func halfCloseAsync() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let server = try TCPServer(address: loopback(.ipv4), group: group) { connection in
            var total = 0
            for try await bytes in connection.inbound { total += bytes.count }
            try await connection.write("got \(total) bytes\n")  // after the client's FIN
        }
        let client = try connectClient(to: server.localAddress)
        try client.writeAll(pattern(100_000))
        try client.shutdownWriting()
        #expect(String(decoding: try readToEnd(client), as: UTF8.self) == "got 100000 bytes\n")
        client.close()
        await server.shutdown()
    }
}

@Suite("Loop internals: stale events and the client side", .ownThread)
struct LoopInternalsTests {
    /// Two pipes become readable in the same wait.
    ///
    /// Whichever handler runs first closes the other pipe and opens a new one, which gets the same
    /// descriptor number, registered to a third handler. The other pipe's event, already returned
    /// by that wait, is stale: it must not be delivered to the new owner of the number.
    ///
    /// The scenario relies on the kernel handing out the lowest free descriptor number, which
    /// other tests opening sockets at the same time would take: it runs in a process alone.
    @Test("an event for a descriptor closed and reused within one wait is dropped")
    func staleEventsAreDropped() async throws {
        try await inIsolatedProcess("staleEventsAreDropped") {
            for kind in SelectorKind.available { try await staleEventScenario(kind: kind) }
        }
    }

    func staleEventScenario(kind: SelectorKind) async throws {
        let loop = try EventLoop(selectorKind: kind)
        defer { try? loop.shutdown() }
        let misdelivered = Counter()
        let swaps = Counter()
        try await loop.submit {
            let first = try FileDescriptor.pipe()
            let second = try FileDescriptor.pipe()
            let race = PipeRace(loop: loop, misdelivered: misdelivered, swaps: swaps)
            race.pipes = [first, second]
            for (index, pipe) in [first, second].enumerated() {
                _ = try Array("x".utf8).withBytes { (bytes) throws(SystemCallError) in
                    try pipe.write.write(bytes)
                }
                race.registrations.append(
                    try loop.register(
                        pipe.read,
                        interest: .readable,
                        handler: PipeEnd(race: race, index: index)
                    )
                )
            }
        }
        try await waitUntil { swaps.count == 1 }
        try await loop.submit {}
        try await loop.submit {}
        #expect(misdelivered.count == 0)
    }

    @Test("a client connection to a closed port reports ECONNREFUSED naming connect")
    func clientRefused() async throws {
        let loop = try EventLoop()
        defer { try? loop.shutdown() }
        let closed = try closedPort(on: "::1")
        defer { closed.release() }
        let address = closed.address
        let recorder = RecordingHandler()
        try await loop.submit {
            _ = try TCPConnection.connect(to: address, on: loop, handler: recorder)
        }
        try await waitUntil { recorder.closed.load(ordering: .acquiring) }
        let opened = recorder.opened.load(ordering: .acquiring)
        #expect(!opened)
        let error = recorder.closeError.withLock { $0 } ?? ""
        #expect(error.hasPrefix("connect:") && error.contains("ECONNREFUSED"))
    }
}

/// Shared state of the stale-event scenario; touched only on the loop.
final class PipeRace {
    let loop: EventLoop
    let misdelivered: Counter
    let swaps: Counter
    var pipes: [(read: FileDescriptor, write: FileDescriptor)] = []
    var registrations: [Registration] = []
    var swapped = false

    init(loop: EventLoop, misdelivered: Counter, swaps: Counter) {
        self.loop = loop
        self.misdelivered = misdelivered
        self.swaps = swaps
    }

    /// Called by the handler that runs first: replace the other pipe by a fresh one.
    func swapOther(than index: Int) {
        guard !swapped else { return }
        swapped = true
        let other = 1 - index
        loop.deregister(registrations[other])
        try? pipes[other].read.close()
        try? pipes[other].write.close()
        // The lowest free number is the one just released: the new pipe's read end gets it.
        guard let fresh = try? FileDescriptor.pipe() else { return }
        #expect(fresh.read == pipes[other].read, "the descriptor number was not reused")
        _ = try? loop.register(fresh.read, interest: .readable, handler: Victim(race: self))
        pipes.append(fresh)
        swaps.increment()
    }
}

/// A counter tests can share between threads.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func increment() { value.add(1, ordering: .relaxed) }
    var count: Int { value.load(ordering: .relaxed) }
}

/// The handler of one of the two racing pipes.
final class PipeEnd: ReadinessHandler {
    let race: PipeRace
    let index: Int

    init(race: PipeRace, index: Int) {
        self.race = race
        self.index = index
    }

    func handleReadiness(_ readiness: Readiness) {
        race.swapOther(than: index)
        var sink = [UInt8](repeating: 0, count: 8)
        _ = sink.withUnsafeMutableBytes { try? race.pipes[index].read.read(into: $0) }
    }

    func loopWillStop() {}
}

/// The new owner of the reused number: it must never hear the old pipe's event.
final class Victim: ReadinessHandler {
    let race: PipeRace

    init(race: PipeRace) {
        self.race = race
    }

    func handleReadiness(_ readiness: Readiness) {
        race.misdelivered.increment()
    }

    func loopWillStop() {}
}
