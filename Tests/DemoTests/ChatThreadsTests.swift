import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing

/// A chat client for the tests: its connection, its line reader and the name it was given.
struct ChatClient {
    let connection: Connection
    var lines: LineReader
    let name: String

    /// Connects and reads the welcome line, which names the guest.
    init(to address: SocketAddress) throws {
        try self.init(lines: LineReader(try Connection.connect(to: address, timeout: .seconds(5))))
    }

    /// Reads the welcome line from a connected client.
    init(lines: LineReader) throws {
        connection = lines.connection
        self.lines = lines
        // Roomy waits: the whole test run loads both cores, and this server is a thread per
        // client in another process, which can wait seconds for a core.
        let welcome = try self.lines.nextLine(within: .seconds(20)) ?? ""
        let prefix = "* welcome, you are "
        guard welcome.hasPrefix(prefix) else {
            throw DemoProcessError.unexpectedOutput(
                "chat",
                "welcome line \(welcome.debugDescription)"
            )
        }
        name = String(welcome.dropFirst(prefix.count))
    }

    /// Reads lines until `notice` arrives; the lines before it must be notices too.
    mutating func waitFor(notice: String) throws {
        while let line = try lines.nextLine(within: .seconds(20)) {
            if line == notice { return }
            guard line.hasPrefix("* ") else {
                throw DemoProcessError.unexpectedOutput(
                    "chat",
                    "\(line.debugDescription) before \(notice)"
                )
            }
        }
        throw DemoProcessError.unexpectedOutput("chat", "the end of stream before \(notice)")
    }

    /// The next line that is not a `* ...` notice (joined, left).
    mutating func nextMessage(within timeout: Duration = .seconds(20)) throws -> String? {
        let deadline = Deadline(after: timeout)
        while let line = try lines.nextLine(within: deadline.remaining) {
            if !line.hasPrefix("* ") { return line }
        }
        return nil
    }
}

@Suite("chat-threads: one thread per client, every line to everyone else", .ownThread)
struct ChatThreadsTests {
    @Test("three clients: each line reaches the other two with its sender's name, not the sender")
    func threeClients() throws {
        let (server, address) = try startServer(["chat-threads"])
        var clients = try (0..<3).map { _ in try ChatClient(to: address) }
        defer { for client in clients { client.connection.close() } }
        #expect(Set(clients.map(\.name)).count == 3)
        #expect(clients.allSatisfy { $0.name.hasPrefix("guest-") })
        // A client that has read its welcome is in the room, so each hears of the later ones.
        try clients[0].waitFor(notice: "* \(clients[1].name) joined")
        try clients[0].waitFor(notice: "* \(clients[2].name) joined")
        try clients[1].waitFor(notice: "* \(clients[2].name) joined")

        for sender in clients.indices {
            try clients[sender].connection.writeAll("hello from \(sender)\n")
            for receiver in clients.indices where receiver != sender {
                #expect(
                    try clients[receiver].nextMessage()
                        == "\(clients[sender].name): hello from \(sender)"
                )
            }
        }
        // The sender got nothing back: after one more line from client 0, client 1 and 2's
        // next messages are that line, and client 0 has none.
        try clients[1].connection.writeAll("last\n")
        #expect(try clients[0].nextMessage() == "\(clients[1].name): last")
        #expect(try clients[2].nextMessage() == "\(clients[1].name): last")
        #expect(throws: TestTimeout.self) { try clients[1].nextMessage(within: .milliseconds(200)) }

        clients[2].connection.close()
        #expect(try clients[0].lines.nextLine() == "* \(clients[2].name) left")
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }
}
