import Dispatch
import EventLoop
import Sockets
import Synchronization
import SystemCalls
import TestSupport
import Testing

/// A weak reference to a connection, to see whether anything still keeps it.
final class WeakConnection {
    weak var connection: TCPConnection?

    init(_ connection: TCPConnection) {
        self.connection = connection
    }
}

/// What the handler that moved a connection saw on the old loop.
final class OldSideReport: Sendable {
    let moves = Atomic<Int>(0)
    let stayedOpen = Atomic<Bool>(false)
    let heardClose = Atomic<Bool>(false)
    let connections = Locked<[ObjectIdentifier]>([])
    let movedAway = Locked<[LoopBound<WeakConnection>]>([])

    /// How many of the old connection objects are still alive, asked on their loops.
    func oldObjectsAlive() async throws -> Int {
        var alive = 0
        for old in movedAway.withLock({ $0 }) {
            if try await old.loop.submit({ old.value.connection != nil }) { alive += 1 }
        }
        return alive
    }

    var moveCount: Int { moves.load(ordering: .acquiring) }
    var oldObjectStayedOpen: Bool { stayedOpen.load(ordering: .relaxed) }
    var oldHandlerHeardClose: Bool { heardClose.load(ordering: .acquiring) }
}

/// Reads a first line, then moves the connection to `target`; what followed the line in
/// the same read goes along as `alreadyReceived`.
final class MoveAfterFirstLine: TCPConnectionHandler {
    let target: @Sendable (TCPConnection) -> EventLoop
    let report: OldSideReport
    let writeOnOpen: [UInt8]
    let writeBeforeMove: [UInt8]
    let makeHandler: @Sendable (TCPConnection) -> any TCPConnectionHandler
    private var buffer: [UInt8] = []

    init(
        target: @escaping @Sendable (TCPConnection) -> EventLoop,
        report: OldSideReport,
        writeOnOpen: [UInt8] = [],
        writeBeforeMove: [UInt8] = [],
        makeHandler: @escaping @Sendable (TCPConnection) -> any TCPConnectionHandler
    ) {
        self.target = target
        self.report = report
        self.writeOnOpen = writeOnOpen
        self.writeBeforeMove = writeBeforeMove
        self.makeHandler = makeHandler
    }

    func connectionDidOpen(_ connection: TCPConnection) {
        report.connections.withLock { $0.append(ObjectIdentifier(connection)) }
        if !writeOnOpen.isEmpty { connection.write(writeOnOpen) }
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        buffer += bytes
        guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return }
        if !writeBeforeMove.isEmpty { connection.write(writeBeforeMove) }
        let target = target(connection)
        connection.move(
            to: target,
            alreadyReceived: Array(buffer[(newline + 1)...]),
            makeHandler: makeHandler
        )
        report.stayedOpen.store(connection.isOpen, ordering: .relaxed)
        let old = LoopBound(WeakConnection(connection), on: connection.loop)
        report.movedAway.withLock { $0.append(old) }
        // The old object is closed (when the loop changed): this goes nowhere.
        if target !== connection.loop { connection.write("dropped") }
        report.moves.add(1, ordering: .releasing)
    }

    func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {
        report.heardClose.store(true, ordering: .releasing)
    }
}

/// What the handlers on the new side heard, in order, across connections.
final class NewSideLog: Sendable {
    let events = Locked<[String]>([])
    let received = Locked<[UInt8]>([])
    let connections = Locked<[ObjectIdentifier]>([])

    func note(_ event: String) { events.withLock { $0.append(event) } }
}

/// Echoes on the new side, and notes every event with the loop it happened on.
final class MovedEcho: TCPConnectionHandler {
    let log: NewSideLog
    let greeting: [UInt8]

    init(log: NewSideLog, greeting: [UInt8] = []) {
        self.log = log
        self.greeting = greeting
    }

    func connectionDidOpen(_ connection: TCPConnection) {
        log.note("open on \(connection.loop.name), on its thread: \(connection.loop.inEventLoop)")
        log.connections.withLock { $0.append(ObjectIdentifier(connection)) }
        if !greeting.isEmpty { connection.write(greeting) }
    }

    func connection(_ connection: TCPConnection, didReceive bytes: [UInt8]) {
        log.note("bytes")
        log.received.withLock { $0 += bytes }
        connection.write(bytes)
    }

    func connectionDidReachEndOfInput(_ connection: TCPConnection) {
        log.note("end of input")
        connection.closeAfterFlushing()
    }

    func connectionShouldShutDown(_ connection: TCPConnection) {
        log.note("asked to shut down")
        connection.closeAfterFlushing()
    }

    func connectionDidClose(_ connection: TCPConnection, error: (any Error)?) {
        log.note(error == nil ? "closed" : "closed: \(error.map { "\($0)" } ?? "")")
    }
}

/// A poll selector that accepts the loop's own wake-up descriptor and refuses every other
/// one, as a kernel out of memory would: a loop no connection can move to.
final class RefusingSelector: Selector {
    private let poll = PollSelector()
    private var registered = 0

    func register(_ descriptor: FileDescriptor, interest: Interest, tag: UInt64)
        throws(SystemCallError)
    {
        registered += 1
        if registered > 1 {
            throw SystemCallError(call: "register", errno: .outOfMemory)
        }
        try poll.register(descriptor, interest: interest, tag: tag)
    }

    func reregister(_ descriptor: FileDescriptor, interest: Interest, tag: UInt64)
        throws(SystemCallError)
    {
        try poll.reregister(descriptor, interest: interest, tag: tag)
    }

    func deregister(_ descriptor: FileDescriptor) throws(SystemCallError) {
        try poll.deregister(descriptor)
    }

    func wait(timeout: Duration?, _ body: (UInt64, Readiness) -> Void) throws(SystemCallError) {
        try poll.wait(timeout: timeout, body)
    }

    func close() { poll.close() }
}

/// Waits until `server` has no connection left, then shuts it down.
///
/// A count that never reaches zero (a moved connection counted twice, or lost) is then a
/// failure that `waitUntil` records, not a shutdown that waits forever.
func shutDownWhenDrained(_ server: TCPServer) async throws {
    try await waitUntil { server.connectionCount == 0 }
    if server.connectionCount == 0 { await server.shutdown() }
}

/// The loop of `group` that `connection` is not on.
func otherLoop(in group: EventLoopGroup, than connection: TCPConnection) -> EventLoop {
    group.loops.first { $0 !== connection.loop } ?? connection.loop
}
