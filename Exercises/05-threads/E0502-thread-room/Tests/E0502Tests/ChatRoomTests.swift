import E0502
import ExerciseSupport
import Libc
import Sockets
import SystemCalls
import Testing

/// Reads whole lines from a connection, each within a time limit.
private final class LineReader {
    let connection: Connection
    private var buffer = LineBuffer(maximumLineLength: 1 << 20)
    private var ready: [String] = []

    init(_ connection: Connection) {
        self.connection = connection
    }

    /// The next line without its `\n`, or `nil` if none came within `timeout` (or the
    /// connection ended).
    func nextLine(timeout: Duration = .seconds(5)) -> String? {
        while ready.isEmpty {
            let chunk = connection.readSome(timeout: timeout)
            guard chunk.ending == .complete, let lines = try? buffer.append(chunk.bytes) else {
                return nil
            }
            ready += lines.map { String(decoding: $0, as: UTF8.self) }
        }
        return ready.removeFirst()
    }
}

/// A member of `room` whose other end the test holds: what the room sends the member,
/// the test reads from `client`.
private struct Seat: Sendable {
    let member: Member
    let client: Connection

    init(_ name: String, in room: ChatRoom) throws {
        let (client, server) = try connectedPair()
        self.member = Member(connection: server, name: name)
        self.client = client
        room.join(member)
    }

    func close() {
        client.close()
        member.connection.close()
    }
}

@Suite("5.2 ChatRoom.broadcast: every other member, outside the lock", .serialized)
struct ChatRoomTests {
    @Test("a line reaches every other member, and not its sender")
    func notBackToSender() throws {
        let room = ChatRoom()
        let seats = try (0..<3).map { try Seat("m\($0)", in: room) }
        defer { for seat in seats { seat.close() } }
        let readers = seats.map { LineReader($0.client) }
        try room.broadcast("hello\n", from: seats[0].member)
        #expect(readers[1].nextLine() == "hello", "member 1 should get member 0's line")
        #expect(readers[2].nextLine() == "hello", "member 2 should get member 0's line")
        try room.broadcast("second\n", from: seats[1].member)
        let first = readers[0].nextLine()
        #expect(
            first == "second",
            "member 0's first line should be member 1's; it was \(first.debugDescription)"
        )
    }

    @Test("with no sender (a server message), everyone gets the line")
    func fromNobody() throws {
        let room = ChatRoom()
        let seats = try (0..<3).map { try Seat("m\($0)", in: room) }
        defer { for seat in seats { seat.close() } }
        try room.broadcast("* server notice\n", from: nil)
        for (index, seat) in seats.enumerated() {
            #expect(LineReader(seat.client).nextLine() == "* server notice", "member \(index)")
        }
    }

    @Test("a member who left gets nothing more")
    func afterLeaving() throws {
        let room = ChatRoom()
        let seats = try (0..<3).map { try Seat("m\($0)", in: room) }
        defer { for seat in seats { seat.close() } }
        room.leave(seats[2].member)
        try room.broadcast("after you left\n", from: seats[0].member)
        seats[2].member.send("direct\n")
        let first = LineReader(seats[2].client).nextLine()
        #expect(
            first == "direct",
            "the member who left got \(first.debugDescription) from the room"
        )
        #expect(LineReader(seats[1].client).nextLine() == "after you left")
    }

    @Test("four threads broadcasting at once: every line arrives whole, once, in order")
    func concurrentBroadcasts() throws {
        let room = ChatRoom()
        let seats = try (0..<4).map { try Seat("m\($0)", in: room) }
        defer { for seat in seats { seat.close() } }
        let linesPerSender = 50
        let padding = String(repeating: "x", count: 3000)
        let readers = try seats.enumerated().map { index, seat in
            try BackgroundThread(name: "member \(index)'s reader") { () -> [String] in
                var problems: [String] = []
                let reader = LineReader(seat.client)
                var nextFrom = [Int](repeating: 0, count: seats.count)
                for _ in 0..<(linesPerSender * (seats.count - 1)) {
                    guard let line = reader.nextLine() else {
                        return problems + [
                            "member \(index) stopped receiving after \(nextFrom) lines"
                        ]
                    }
                    let parts = line.split(separator: ":")
                    guard parts.count == 3, let from = Int(parts[0]), let number = Int(parts[1]),
                        from < seats.count, parts[2] == padding
                    else {
                        return problems + [
                            "member \(index) got a mangled line: \(describeBytes(Array(line.utf8)))"
                        ]
                    }
                    if from == index {
                        problems.append("member \(index) got its own line \(number) back")
                    }
                    if number != nextFrom[from] {
                        problems.append(
                            "member \(index) got line \(number) from \(from), expected \(nextFrom[from])"
                        )
                    }
                    nextFrom[from] = number + 1
                }
                return problems
            }
        }
        let senders = try seats.enumerated().map { index, seat in
            try BackgroundThread(name: "member \(index)'s sender") {
                for number in 0..<linesPerSender {
                    try room.broadcast("\(index):\(number):\(padding)\n", from: seat.member)
                }
            }
        }
        for sender in senders { try sender.join(timeout: .seconds(20)) }
        for reader in readers {
            let problems = try reader.join(timeout: .seconds(20))
            #expect(problems.isEmpty, "\(problems.prefix(3).joined(separator: "; "))")
        }
    }

    @Test("a slow member does not hold up the room: join works while they are written to")
    func slowMember() throws {
        let room = ChatRoom()
        let slow = try Seat("slow", in: room)  // its client never reads
        defer { slow.close() }
        try slow.client.socket.set(.receiveBufferSize, 4096)
        try slow.member.connection.socket.set(.sendBufferSize, 4096)
        let bigLine = String(repeating: "x", count: 4 << 20) + "\n"
        let broadcaster = try BackgroundThread(name: "a broadcast to a slow member") {
            try room.broadcast(bigLine, from: nil)
        }
        // Wait until the broadcast is writing: its first bytes reach the slow member.
        var writing = false
        for _ in 0..<100 where !writing && !broadcaster.isFinished {
            writing =
                try Poll.wait(
                    for: slow.client.socket.descriptor,
                    events: CShort(POLLIN),
                    timeoutMilliseconds: 50
                ) != 0
        }
        if !writing {
            try broadcaster.join()  // it ended without writing: say why
            Issue.record("the broadcast never wrote to the member")
            return
        }
        let (newcomerClient, newcomerServer) = try connectedPair()
        defer {
            newcomerClient.close()
            newcomerServer.close()
        }
        let newcomer = Member(connection: newcomerServer, name: "newcomer")
        let joiner = try BackgroundThread(name: "a newcomer's join") { room.join(newcomer) }
        let joined = Result { try joiner.join(timeout: .seconds(3)) }
        // Release the slow member: a reset makes the blocked write fail, and broadcast end.
        try slow.client.resetOnClose()
        slow.client.close()
        try broadcaster.join(timeout: .seconds(10))
        #expect(
            (try? joined.get()) != nil,
            "join waited while broadcast was writing to a slow member: copy the members under the lock, write outside it"
        )
    }

    @Test("the whole chat over real threads: welcome, joined, a line, left")
    func chatOverThreads() throws {
        let room = ChatRoom()
        let listener = try ListeningSocket(address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0))
        let clientThreads = Locked<[BackgroundThread<Void>]>([])
        let acceptor = try BackgroundThread(name: "the accept loop") {
            defer { listener.close() }
            for number in 1...2 {
                let connection = try listener.accept()
                let thread = try BackgroundThread(name: "guest-\(number)'s thread") {
                    try room.serve(connection, name: "guest-\(number)")
                }
                clientThreads.withLock { $0.append(thread) }
            }
        }
        let conversation = Result { () throws in
            let alice = LineReader(
                try Connection.connect(to: listener.localAddress, timeout: .seconds(5))
            )
            defer { alice.connection.close() }
            #expect(alice.nextLine() == "* welcome, you are guest-1")
            let bob = LineReader(
                try Connection.connect(to: listener.localAddress, timeout: .seconds(5))
            )
            // guest-1's own thread may announce guest-1 after guest-2 is already in the room:
            // a late "* guest-1 joined" is harmless, so guest-2's reads skip it.
            func bobsNextLine() -> String? {
                var line = bob.nextLine()
                while line == "* guest-1 joined" { line = bob.nextLine() }
                return line
            }
            #expect(bobsNextLine() == "* welcome, you are guest-2")
            #expect(
                alice.nextLine() == "* guest-2 joined",
                "guest-1 should hear that guest-2 joined"
            )
            try? alice.connection.writeAll("hi there\n")
            #expect(bobsNextLine() == "guest-1: hi there", "guest-2 should get guest-1's line")
            bob.connection.close()
            #expect(alice.nextLine() == "* guest-2 left", "guest-1 should hear that guest-2 left")
        }
        try acceptor.join()
        for thread in clientThreads.value { try thread.join() }
        try conversation.get()
    }
}
