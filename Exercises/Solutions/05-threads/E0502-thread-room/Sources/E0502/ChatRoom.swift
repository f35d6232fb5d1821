// Exercise 5.2, solved: a chat room for threads, and its broadcast.
// The library's version is `ChatRoom` in Sources/chat-threads/main.swift.

import ExerciseSupport
import Sockets
import Synchronization

/// One person in the room: their connection, their name, and a lock for writing to them.
public final class Member: Sendable {
    /// The member's connection.
    public let connection: Connection
    /// The name others see.
    public let name: String
    /// Two threads may send to this member at once; without the lock their bytes could
    /// interleave mid-line when a `writeAll` takes several `send` calls.
    private let writing = Mutex(())

    /// A member for `connection`, called `name`.
    ///
    /// - Parameters:
    ///   - connection: The member's connection.
    ///   - name: The name others see.
    public init(connection: Connection, name: String) {
        self.connection = connection
        self.name = name
    }

    /// Sends `line` to this member, whole.
    ///
    /// A member who has gone is skipped silently: their own thread notices and leaves the
    /// room.
    ///
    /// - Parameter line: The text, with its `\n`.
    public func send(_ line: String) {
        writing.withLock { _ in _ = try? connection.writeAll(line) }
    }
}

/// The room: every member, behind one lock, because every client's thread touches it.
public final class ChatRoom: Sendable {
    private let members = Mutex<[ObjectIdentifier: Member]>([:])

    /// An empty room.
    public init() {}

    /// Adds `member`.
    ///
    /// - Parameter member: The newcomer.
    public func join(_ member: Member) {
        members.withLock { $0[ObjectIdentifier(member)] = member }
    }

    /// Removes `member`.
    ///
    /// - Parameter member: The one leaving.
    public func leave(_ member: Member) {
        members.withLock { $0[ObjectIdentifier(member)] = nil }
    }

    /// Sends `line` to everyone but `sender`.
    ///
    /// The list is copied under the lock and the writes happen outside it: a slow client
    /// must not freeze every other thread that wants the lock. It still slows down the
    /// *sender's* thread, which waits for it.
    ///
    /// - Parameters:
    ///   - line: The text, with its `\n`.
    ///   - sender: Who said it; they do not get their own line back.
    /// - Throws: Nothing; `throws` stays from the starter, which throws `Unimplemented`.
    public func broadcast(_ line: String, from sender: Member?) throws {
        let everyone = members.withLock { Array($0.values) }
        for member in everyone where member !== sender { member.send(line) }
    }

    /// What one client's thread does, from join to leave (given: it is the chapter's demo).
    ///
    /// - Parameters:
    ///   - connection: The client's connection; closed when this returns.
    ///   - name: The client's name in the room.
    /// - Throws: What ``broadcast(_:from:)`` throws. A client that disconnects or resets
    ///   simply leaves.
    public func serve(_ connection: Connection, name: String) throws {
        let member = Member(connection: connection, name: name)
        defer { connection.close() }
        join(member)  // first, so that everything said after the welcome reaches them
        member.send("* welcome, you are \(name)\n")
        try broadcast("* \(name) joined\n", from: member)
        var lines = LineBuffer(maximumLineLength: 4096)
        while let bytes = try? connection.read(), !bytes.isEmpty {
            guard let complete = try? lines.append(bytes) else {
                member.send("* line too long, goodbye\n")
                break
            }
            for line in complete {
                try broadcast("\(name): \(String(decoding: line, as: UTF8.self))\n", from: member)
            }
        }
        leave(member)
        try broadcast("* \(name) left\n", from: nil)
    }
}
