import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing

@Suite("echo-server and echo-async: every byte comes back", .ownThread)
struct EchoServerTests {
    @Test("echo-server echoes, then serves a second client once the first has left")
    func oneAtATime() throws {
        let (server, address) = try startServer(["echo-server"])
        let deadline = Deadline(after: .seconds(10))
        let first = try Connection.connect(to: address, timeout: .seconds(5))
        // The kernel completes the second handshake; the client waits in the accept queue.
        let second = try Connection.connect(to: address, timeout: .seconds(5))
        defer { second.close() }

        try first.writeAll("first\n")
        #expect(try first.read(exactly: 6, before: deadline) == Array("first\n".utf8))
        try second.writeAll("second\n")
        // One client at a time: no echo for the second while the first is connected.
        #expect(throws: TestTimeout.self) {
            try second.waitReadable(before: Deadline(after: .milliseconds(300)), for: "an echo")
        }
        first.close()
        #expect(try second.read(exactly: 7, before: deadline) == Array("second\n".utf8))

        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test("echo-server --thread-per-client serves two clients at the same time")
    func threadPerClient() throws {
        let (server, address) = try startServer(["echo-server", "--thread-per-client"])
        let deadline = Deadline(after: .seconds(10))
        let first = try Connection.connect(to: address, timeout: .seconds(5))
        let second = try Connection.connect(to: address, timeout: .seconds(5))
        defer {
            first.close()
            second.close()
        }
        try first.writeAll("one")
        try second.writeAll("two")
        #expect(try second.read(exactly: 3, before: deadline) == Array("two".utf8))
        #expect(try first.read(exactly: 3, before: deadline) == Array("one".utf8))
        try second.writeAll("again")
        #expect(try second.read(exactly: 5, before: deadline) == Array("again".utf8))

        server.send(SIGINT)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test(
        "echo servers send back 1 MiB intact, written in many pieces",
        arguments: [
            ["echo-async"], ["echo-async", "--callbacks"], ["echo-server"],
            ["echo-server", "--thread-per-client"],
        ]
    )
    func oneMebibyte(command: [String]) throws {
        let (server, address) = try startServer(command)
        let client = try Connection.connect(to: address, timeout: .seconds(5))
        defer { client.close() }
        var numbered: [UInt8] = []
        for index in 0..<(1 << 20) / 1000 + 1 {
            let number = String(index)
            numbered += Array((String(repeating: "0", count: 7 - number.count) + number + " ").utf8)
            numbered += [UInt8](repeating: UInt8(ascii: "a") + UInt8(index % 26), count: 992)
        }
        let payload = Array(numbered.prefix(1 << 20))
        // Write from another thread while this one reads, in pieces of varied sizes:
        // neither side may wait for the other to finish.
        let writer = try TestThread(name: "echo-writer") {
            var start = 0
            var piece = 1
            while start < payload.count {
                let end = min(start + piece, payload.count)
                try client.writeAll(Array(payload[start..<end]))
                start = end
                piece = piece * 3 % 65_521 + 1
            }
            try client.shutdownWriting()
        }
        let echoed = try client.readToEnd(before: Deadline(after: .seconds(30)))
        try writer.result(within: .seconds(5))
        #expect(echoed.count == payload.count)
        #expect(echoed == payload)

        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }
}
