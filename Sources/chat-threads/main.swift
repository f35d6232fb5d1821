// chat-threads: a chat room with one thread per client; each line goes to everyone else.
// Try it:   swift run chat-threads --port 7002
//           nc 127.0.0.1 7002      (in two or more terminals; type lines)
// Chapter:  Tutorials/05-threads/README.md

import DemoSupport
import EventLoop
import Sockets
import Synchronization
import SystemCalls

let command = DemoCommand(
    name: "chat-threads",
    summary: "a chat room served by one thread per client",
    defaultPort: 7002,
    examples: ["chat-threads --port 7002", "nc 127.0.0.1 7002   (in several terminals)"]
)
let options = command.parse()
let logger = Logger(label: "chat-threads")

/// One person in the room: their connection, their name, and a lock for writing to them.
final class Member: Sendable {
    let connection: Connection
    let name: String
    /// Two threads may broadcast to this member at once; without the lock their bytes
    /// could interleave mid-line when a `writeAll` takes several `send` calls.
    private let writing = Locked(())

    init(connection: Connection, name: String) {
        self.connection = connection
        self.name = name
    }

    /// Sends `line`, or drops the member if it cannot take it within the send timeout.
    ///
    /// A client that stops reading would otherwise block every thread that writes to it,
    /// and with them every client those threads serve. Shutting its connection down wakes
    /// its own thread (blocked in `read`), which then leaves the room.
    func send(_ line: String) {
        writing.withLock { _ in
            do {
                try connection.writeAll(line)
            } catch {
                try? connection.shutdownReading()
                try? connection.shutdownWriting()
            }
        }
    }
}

// snippet: thread-room
/// The room: every member, behind one lock, because every client thread touches it.
final class ChatRoom: Sendable {
    private let members = Locked<[ObjectIdentifier: Member]>([:])

    /// Adds `member` and sends it `welcome`, both under the lock: a broadcast copies the
    /// list under the same lock, so no line reaches the member before its welcome, and
    /// every line sent after it has read the welcome does. (Writing under the lock is
    /// fine here only because a new connection's empty send buffer never makes it wait.)
    func join(_ member: Member, welcome: String) {
        members.withLock { members in
            members[ObjectIdentifier(member)] = member
            member.send(welcome)
        }
    }

    func leave(_ member: Member) {
        members.withLock { $0[ObjectIdentifier(member)] = nil }
    }

    /// Sends `line` to everyone but `sender`.
    ///
    /// The list is copied under the lock and the writes happen outside it: a slow client must not
    /// freeze every other thread that wants the lock. It still slows down the *sender's* thread,
    /// which waits for it.
    func broadcast(_ line: String, from sender: Member?) {
        let everyone = members.withLock { Array($0.values) }
        for member in everyone where member !== sender { member.send(line) }
    }
}
// end-snippet

let room = ChatRoom()
let guestNumbers = Atomic<Int>(0)

// snippet: serve-member
/// What one client's thread does, from join to leave.
func serve(_ connection: Connection) {
    let number = guestNumbers.wrappingAdd(1, ordering: .relaxed).newValue
    let member = Member(connection: connection, name: "guest-\(number)")
    defer { connection.close() }
    room.join(member, welcome: "* welcome, you are \(member.name)\n")
    room.broadcast("* \(member.name) joined\n", from: member)
    var lines = LineBuffer(maximumLineLength: 4096)
    do {
        while true {
            let bytes = try connection.read()
            if bytes.isEmpty { break }
            for line in try lines.append(bytes) {
                room.broadcast(
                    "\(member.name): \(String(decoding: line, as: UTF8.self))\n",
                    from: member
                )
            }
        }
    } catch is LineBuffer.LineTooLong {
        member.send("* line too long, goodbye\n")
    } catch {
        logger.debug("\(member.name): \(error)")
    }
    room.leave(member)
    room.broadcast("* \(member.name) left\n", from: nil)
}
// end-snippet

do {
    let shutdown = try ShutdownSignal()
    let listener = try ListeningSocket(address: options.address())
    announceListening(on: listener.localAddress)
    shutdown.onSignal { signal in
        logger.info("\(ShutdownSignal.name(of: signal)): shutting down")
        room.broadcast("* server shutting down\n", from: nil)
        CurrentProcess.exit(0)
    }
    while true {
        let connection = try listener.accept()
        try connection.socket.setSendTimeout(.seconds(2))  // a slow reader cannot stall us
        try SystemThread.start(name: "chat-client") { serve(connection) }.detach()
    }
} catch {
    logger.error("\(error)")
    CurrentProcess.exit(1)
}
