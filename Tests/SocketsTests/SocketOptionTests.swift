import Sockets
import SystemCalls
import TestSupport
import Testing

@Suite("Socket options: set, then read back from the kernel", .ownThread)
struct SocketOptionTests {
    @Test("yes/no options round-trip through setsockopt and getsockopt", arguments: loopbackHosts)
    func flags(host: String) throws {
        let pair = try ConnectedPair(host: host)
        defer { pair.close() }
        let socket = pair.client.socket
        for option in [SocketOption<Bool>.noDelay, .keepAlive, .reuseAddress] {
            try socket.set(option, true)
            #expect(try socket.get(option), "option \(option.level)/\(option.name)")
            try socket.set(option, false)
            #expect(try socket.get(option) == false, "option \(option.level)/\(option.name)")
        }
    }

    @Test("a listening socket has SO_REUSEADDR, so a restarted server can bind at once")
    func listenerReusesAddress() throws {
        let listener = try ListeningSocket(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        #expect(try listener.socket.get(.reuseAddress))
    }

    @Test(
        "buffer sizes read back at least what was set (Linux doubles them)",
        arguments: [SocketOption<Int>.receiveBufferSize, .sendBufferSize]
    )
    func bufferSizes(option: SocketOption<Int>) throws {
        let socket = try Socket(family: .ipv4)
        defer { socket.close() }
        for size in [8192, 65536, 200_000] {
            try socket.set(option, size)
            let actual = try socket.get(option)
            #expect(actual >= size)
            #expect(actual <= 2 * size)
        }
    }

    @Test("a receive timeout makes a blocking read give up with EAGAIN")
    func receiveTimeout() throws {
        let pair = try ConnectedPair(host: "127.0.0.1")
        defer { pair.close() }
        try pair.client.socket.setReceiveTimeout(.milliseconds(50))
        let started = ContinuousClock.now
        #expect(throws: SystemCallError(call: "read", errno: .wouldBlock)) {
            try pair.client.read()
        }
        #expect(ContinuousClock.now - started >= .milliseconds(40))
    }

    @Test("a non-blocking socket says so, and a blocking one again after switching back")
    func nonBlocking() throws {
        let socket = try Socket(family: .ipv6)
        defer { socket.close() }
        #expect(try socket.descriptor.isNonBlocking() == false)
        try socket.setNonBlocking(true)
        #expect(try socket.descriptor.isNonBlocking())
        try socket.setNonBlocking(false)
        #expect(try socket.descriptor.isNonBlocking() == false)
    }
}
