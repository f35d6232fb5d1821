import E0302
import ExerciseSupport
import Sockets
import SystemCalls
import Testing

/// A listener on 127.0.0.1 and your loop serving `clients` clients on a thread.
///
/// When your loop ends, for whatever reason, the listener is closed, so that a client
/// still trying to connect is refused at once instead of waiting for a server that is gone.
private func startServer(clients: Int) throws -> (ListeningSocket, BackgroundThread<Void>) {
    let listener = try ListeningSocket(address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0))
    let server = try BackgroundThread(name: "your accept loop") { [listener] in
        defer { listener.close() }
        try E0302.serveOneAtATime(listener, clients: clients)
    }
    return (listener, server)
}

/// One client: connect, send `text`, say "done" (shutdown), and read the echo to the end.
private func echo(_ text: String, via address: SocketAddress) throws -> (
    sent: [UInt8], received: Received
) {
    let client = try Connection.connect(to: address, timeout: .seconds(5))
    defer { client.close() }
    let sent = Array(text.utf8)
    try client.writeAll(sent)
    try client.shutdownWriting()
    return (sent, client.readToEnd())
}

@Suite("3.2 serveOneAtATime: accept, echo until the client closes, repeat", .serialized)
struct AcceptLoopTests {
    @Test("a client gets its bytes back, then end of stream, and the loop returns")
    func echoesOneClient() throws {
        let (listener, server) = try startServer(clients: 1)
        let (sent, received) = try server.join {
            try echo("hello, echo\n", via: listener.localAddress)
        }
        #expect(Bytes(received.bytes) == Bytes(sent), "sent \(describeBytes(sent)); \(received)")
        #expect(
            received.ending == .endOfStream,
            "after the echo, close the connection; \(received)"
        )
    }

    @Test("three clients in turn each get back exactly their own bytes, and nothing is leaked")
    func servesInTurn() throws {
        let before = openDescriptorCount()
        let (listener, server) = try startServer(clients: 3)
        try server.join {
            for text in ["first\n", "second client\n", "the third one, a little longer\n"] {
                let (sent, received) = try echo(text, via: listener.localAddress)
                #expect(
                    Bytes(received.bytes) == Bytes(sent),
                    "sent \(describeBytes(sent)); \(received)"
                )
                #expect(received.ending == .endOfStream, "\(received)")
            }
        }
        #expect(openDescriptorCount() == before, "a connection was not closed")
    }

    @Test("a second client waits until the first has finished: one client at a time")
    func oneAtATime() throws {
        let (listener, server) = try startServer(clients: 2)
        try server.join {
            let first = try Connection.connect(to: listener.localAddress, timeout: .seconds(5))
            defer { first.close() }
            try first.writeAll("A")
            let firstEcho = first.read(exactly: 1)
            #expect(
                Bytes(firstEcho.bytes) == Bytes("A"),
                "the first client sent 1 byte \"A\"; \(firstEcho)"
            )

            let second = try Connection.connect(to: listener.localAddress, timeout: .seconds(5))
            defer { second.close() }
            try second.writeAll("B")
            let early = second.read(exactly: 1, timeout: .milliseconds(200))
            #expect(
                early.bytes.isEmpty,
                "the second client was answered while the first was still connected; \(early)"
            )

            try first.shutdownWriting()
            _ = first.readToEnd()
            try second.shutdownWriting()
            let secondEcho = second.readToEnd()
            #expect(
                Bytes(secondEcho.bytes) == Bytes("B"),
                "the second client sent 1 byte \"B\"; \(secondEcho)"
            )
        }
    }

    @Test("a client that resets the connection ends only itself; the next one is served")
    func survivesReset() throws {
        let (listener, server) = try startServer(clients: 2)
        try server.join {
            let rude = try Connection.connect(to: listener.localAddress, timeout: .seconds(5))
            try rude.writeAll("x")
            try rude.resetOnClose()
            rude.close()  // a TCP RST: the server's next read or write fails
            let (sent, received) = try echo("after the reset\n", via: listener.localAddress)
            #expect(
                Bytes(received.bytes) == Bytes(sent),
                "sent \(describeBytes(sent)); \(received)"
            )
        }
    }

    @Test("a megabyte comes back whole: the echo writes everything it reads")
    func largePayload() throws {
        let (listener, server) = try startServer(clients: 1)
        try server.join {
            let client = try Connection.connect(to: listener.localAddress, timeout: .seconds(5))
            defer { client.close() }
            let sent = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 11) }
            // Write and read at once: a megabyte does not fit in the kernel's buffers, so a
            // client that wrote it all before reading would wait for the server forever.
            let writer = try BackgroundThread(name: "the client's writer") {
                try client.writeAll(sent)
                try client.shutdownWriting()
            }
            let received = client.readToEnd()
            try writer.join()
            #expect(
                Bytes(received.bytes) == Bytes(sent),
                "\(firstDifference(sent, received.bytes)); \(received.ending)"
            )
        }
    }
}
