import E0301
import ExerciseSupport
import Sockets
import SystemCalls
import Testing

/// Connects a client to `listener`, sends a few bytes, and checks they arrive.
private func expectClientCanTalk(to listener: E0301.ListeningSocket) throws {
    let client = try Connection.connect(to: listener.localAddress, timeout: .seconds(5))
    defer { client.close() }
    let server = try listener.accept()
    defer { server.close() }
    let sent = Array("hello, listener".utf8)
    try client.writeAll(sent)
    let received = server.read(exactly: sent.count)
    #expect(
        Bytes(received.bytes) == Bytes(sent),
        "the client sent \(describeBytes(sent)); the server \(received)"
    )
}

@Suite("3.1 ListeningSocket.init: socket, SO_REUSEADDR, bind, listen", .serialized)
struct ListeningSocketTests {
    @Test("port 0 becomes a real port, and a client can connect to it and talk")
    func ipv4() throws {
        let listener = try E0301.ListeningSocket(
            address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0)
        )
        defer { listener.close() }
        #expect(listener.localAddress.port != 0, "localAddress must be read back from the kernel")
        #expect(listener.localAddress.host == "127.0.0.1")
        try expectClientCanTalk(to: listener)
    }

    @Test("IPv6 works the same way: [::1]:0")
    func ipv6() throws {
        let listener = try E0301.ListeningSocket(
            address: SocketAddress(numericHost: "::1", port: 0)
        )
        defer { listener.close() }
        #expect(listener.localAddress.family == .ipv6, "an IPv6 address needs an AF_INET6 socket")
        #expect(listener.localAddress.port != 0)
        try expectClientCanTalk(to: listener)
    }

    @Test("the socket has SO_REUSEADDR, so a restarted server can bind its port at once")
    func reuseAddress() throws {
        let listener = try E0301.ListeningSocket(
            address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0)
        )
        defer { listener.close() }
        #expect(try listener.socket.get(.reuseAddress), "set SO_REUSEADDR before bind")
    }

    @Test("a second listener on a port in use fails with EADDRINUSE, naming bind")
    func addressInUse() throws {
        let first = try E0301.ListeningSocket(address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0))
        defer { first.close() }
        #expect(throws: SystemCallError(call: "bind", errno: .addressInUse)) {
            try E0301.ListeningSocket(address: first.localAddress)
        }
    }

    @Test("a listener that fails to bind leaves no descriptor open")
    func noLeakOnFailure() throws {
        let first = try E0301.ListeningSocket(address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0))
        defer { first.close() }
        let before = openDescriptorCount()
        for _ in 0..<5 {
            _ = try? E0301.ListeningSocket(address: first.localAddress)
        }
        #expect(openDescriptorCount() == before, "each failed init left its socket open")
    }

    @Test("nonBlocking: true makes the socket non-blocking; the default blocks")
    func nonBlocking() throws {
        let blocking = try E0301.ListeningSocket(
            address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0)
        )
        defer { blocking.close() }
        let nonBlocking = try E0301.ListeningSocket(
            address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0),
            nonBlocking: true
        )
        defer { nonBlocking.close() }
        #expect(try blocking.socket.descriptor.isNonBlocking() == false)
        #expect(try nonBlocking.socket.descriptor.isNonBlocking() == true)
        try expectClientCanTalk(to: nonBlocking)
    }

    @Test("several clients can wait in the backlog before the first accept")
    func backlog() throws {
        let listener = try E0301.ListeningSocket(
            address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0),
            backlog: 8
        )
        defer { listener.close() }
        let clients = try (0..<4).map { _ in
            try Connection.connect(to: listener.localAddress, timeout: .seconds(5))
        }
        defer { for client in clients { client.close() } }
        for _ in clients {
            try listener.accept().close()
        }
    }
}
