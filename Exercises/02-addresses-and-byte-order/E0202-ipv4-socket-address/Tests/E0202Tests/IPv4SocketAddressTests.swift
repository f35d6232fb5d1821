import E0202
import ExerciseSupport
import Libc
import Sockets
import SystemCalls
import Testing

/// The bytes of a value as they lie in memory.
private func memoryBytes<Value>(of value: Value) -> [UInt8] {
    withUnsafeBytes(of: value) { Array($0) }
}

/// Lends `address` to a system call as the `(sockaddr *, socklen_t)` pair it takes.
private func withSockAddr<Result>(
    _ address: sockaddr_in,
    _ body: (UnsafePointer<sockaddr>, socklen_t) throws(SystemCallError) -> Result
) throws(SystemCallError) -> Result {
    var copy = address
    return try withUnsafePointer(to: &copy) { (pointer) throws(SystemCallError) in
        try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            (generic) throws(SystemCallError) in
            try body(generic, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
}

@Suite("2.2 makeSocketAddress: a sockaddr_in in network byte order", .serialized)
struct IPv4SocketAddressTests {
    @Test("the family says IPv4: AF_INET")
    func family() throws {
        let address = try E0202.makeSocketAddress(ipv4: (127, 0, 0, 1), port: 80)
        #expect(
            CInt(address.sin_family) == AF_INET,
            "sin_family is \(address.sin_family), AF_INET is \(AF_INET)"
        )
    }

    @Test(
        "the port lies in memory big-endian, most significant byte first",
        arguments: [
            (8080, [0x1F, 0x90]), (1, [0, 1]), (256, [1, 0]), (65535, [0xFF, 0xFF]), (0, [0, 0]),
        ]
            as [(UInt16, [UInt8])]
    )
    func portBytes(port: UInt16, expected: [UInt8]) throws {
        let address = try E0202.makeSocketAddress(ipv4: (127, 0, 0, 1), port: port)
        let actual = memoryBytes(of: address.sin_port)
        #expect(
            actual == expected,
            "port \(port) should be stored as \(describeBytes(expected)), yours is \(describeBytes(actual))"
        )
    }

    @Test(
        "the address lies in memory in the order it is written",
        arguments: [(127, 0, 0, 1), (192, 168, 1, 20), (10, 0, 0, 255), (1, 2, 3, 4)]
            as [(UInt8, UInt8, UInt8, UInt8)]
    )
    func addressBytes(a: UInt8, b: UInt8, c: UInt8, d: UInt8) throws {
        let address = try E0202.makeSocketAddress(ipv4: (a, b, c, d), port: 9)
        let actual = memoryBytes(of: address.sin_addr)
        #expect(
            actual == [a, b, c, d],
            "\(a).\(b).\(c).\(d) should be stored as \(describeBytes([a, b, c, d])), yours is \(describeBytes(actual))"
        )
    }

    @Test("every byte matches what inet_pton and htons give, padding included")
    func wholeStructure() throws {
        for (bytes, port) in [((127, 0, 0, 1), 8080), ((8, 8, 4, 4), 53), ((0, 0, 0, 0), 0)]
            as [((UInt8, UInt8, UInt8, UInt8), UInt16)]
        {
            let yours = memoryBytes(of: try E0202.makeSocketAddress(ipv4: bytes, port: port))
            let reference = SocketAddress(ipv4: bytes, port: port).withSockAddr { pointer, length in
                Array(UnsafeRawBufferPointer(start: pointer, count: Int(length)))
            }
            #expect(
                yours == reference,
                "yours: \(describeBytes(yours)), expected: \(describeBytes(reference))"
            )
        }
    }

    @Test("a real socket bound to your address reports it back through getsockname")
    func bindReadsBack() throws {
        let address = try E0202.makeSocketAddress(ipv4: (127, 0, 0, 1), port: 0)
        let socket = try Socket(family: .ipv4)
        defer { socket.close() }
        do {
            try withSockAddr(address) { (pointer, length) throws(SystemCallError) in
                try socket.descriptor.bind(to: pointer, length: length)
            }
        } catch {
            Issue.record(
                "bind to your sockaddr_in \(describeBytes(memoryBytes(of: address))) failed: \(error)"
            )
            return
        }
        let bound = try socket.localAddress()
        #expect(
            bound.host == "127.0.0.1",
            "bound to \(bound): is the address in network byte order?"
        )
        #expect(bound.port != 0, "port 0 asks the kernel for a free port; it picked \(bound.port)")
    }

    @Test("a client reaches a real server through your address")
    func connectThroughIt() throws {
        let listener = try ListeningSocket(address: SocketAddress(ipv4: (127, 0, 0, 1), port: 0))
        defer { listener.close() }
        let port = listener.localAddress.port
        let address = try E0202.makeSocketAddress(ipv4: (127, 0, 0, 1), port: port)
        let client = try Socket(family: .ipv4)
        defer { client.close() }
        do {
            _ = try withSockAddr(address) { (pointer, length) throws(SystemCallError) in
                try client.descriptor.connect(to: pointer, length: length)
            }
        } catch {
            let bytes = describeBytes(memoryBytes(of: address))
            Issue.record(
                "connect to 127.0.0.1:\(port) through your sockaddr_in \(bytes) failed: \(error). Is the port in network byte order?"
            )
            return
        }
        let accepted = try listener.accept()
        defer { accepted.close() }
        #expect(try accepted.socket.peerAddress() == client.localAddress())
    }
}
