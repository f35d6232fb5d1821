import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing

@Suite("Socket addresses: parsing, byte order, printing back")
struct SocketAddressTests {
    @Test(
        "host:port text round-trips",
        arguments: ["127.0.0.1:8080", "[::1]:8080", "0.0.0.0:0", "[fe80::1:2]:65535"]
    )
    func roundTrip(text: String) throws {
        #expect(try SocketAddress(parsing: text).description == text)
    }

    @Test("the port is stored big-endian, as the kernel expects")
    func networkByteOrder() throws {
        let address = try SocketAddress(parsing: "127.0.0.1:8080")
        #expect(address.port == 8080)
        #expect(address.addressBytes == [127, 0, 0, 1])
        let rawPort = address.withSockAddr { pointer, _ in
            pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { $0.pointee.sin_port }
        }
        #expect(withUnsafeBytes(of: rawPort) { Array($0) } == [0x1F, 0x90])
    }

    @Test(
        "malformed text names what is wrong",
        arguments: [
            ("127.0.0.1", SocketAddressError.missingPort("127.0.0.1")),
            ("127.0.0.1:http", .invalidPort("http")),
            ("127.0.0.1:65536", .invalidPort("65536")),
            ("::1:80", .invalidBrackets("::1:80")),
            ("[::1:80", .invalidBrackets("[::1:80")),
            ("localhost:80", .notAnIPAddress("localhost")),
            ("[::1]", .missingPort("[::1]")),
            ("[::1]x80", .invalidBrackets("[::1]x80")),
            ("127.0.0.1:", .invalidPort("")),
            ("127.0.0.1:+80", .invalidPort("+80")),
            ("127.0.0.1:-1", .invalidPort("-1")),
            (":80", .notAnIPAddress("")),
            ("[]:80", .notAnIPAddress("")),
            ("256.0.0.1:80", .notAnIPAddress("256.0.0.1")),
        ]
    )
    func errors(text: String, expected: SocketAddressError) {
        #expect(throws: expected) { try SocketAddress(parsing: text) }
    }

    @Test("localhost resolves through getaddrinfo to a loopback address")
    func resolveLocalhost() throws {
        let addresses = try SocketAddress.resolve(host: "localhost", port: 80)
        #expect(!addresses.isEmpty)
        #expect(addresses.allSatisfy { $0.port == 80 })
        #expect(addresses.contains { $0.host == "127.0.0.1" || $0.host == "::1" })
    }

    @Test(
        "a numeric host becomes the address bytes inet_pton gives, and prints back",
        arguments: [
            ("127.0.0.1", SocketAddress.Family.ipv4, [127, 0, 0, 1], "127.0.0.1:7000"),
            ("10.1.2.3", .ipv4, [10, 1, 2, 3], "10.1.2.3:7000"),
            ("::1", .ipv6, [UInt8](repeating: 0, count: 15) + [1], "[::1]:7000"),
            (
                "2001:db8::42", .ipv6,
                [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11) + [0x42],
                "[2001:db8::42]:7000"
            ),
        ]
    )
    func numericHost(host: String, family: SocketAddress.Family, bytes: [UInt8], text: String)
        throws
    {
        let address = try SocketAddress(numericHost: host, port: 7000)
        #expect(address.family == family)
        #expect(address.addressBytes == bytes)
        #expect(address.host == host)
        #expect(address.port == 7000)
        #expect(address.description == text)
        #expect(try SocketAddress(parsing: text) == address)
    }

    @Test("IPv6 addresses print in brackets, with the shortest form inet_ntop knows")
    func ipv6Brackets() throws {
        let address = try SocketAddress(
            numericHost: "2001:0db8:0000:0000:0000:0000:0000:0001",
            port: 443
        )
        #expect(address.host == "2001:db8::1")
        #expect(address.description == "[2001:db8::1]:443")
        let loopback = SocketAddress(ipv6: [UInt8](repeating: 0, count: 15) + [1], port: 0)
        #expect(loopback.description == "[::1]:0")
    }

    @Test("withPort changes only the port", arguments: ["127.0.0.1:80", "[::1]:80"])
    func withPort(text: String) throws {
        let address = try SocketAddress(parsing: text)
        let moved = address.withPort(8080)
        #expect(moved.port == 8080)
        #expect(moved.family == address.family)
        #expect(moved.addressBytes == address.addressBytes)
        #expect(moved != address)
        #expect(moved.withPort(80) == address)
    }

    @Test("equal addresses hash alike; family, bytes and port each make a difference")
    func equalityAndHash() throws {
        let address = try SocketAddress(parsing: "127.0.0.1:80")
        let same = SocketAddress(ipv4: (127, 0, 0, 1), port: 80)
        #expect(address == same)
        #expect(address.hashValue == same.hashValue)
        #expect(Set([address, same, address.withPort(81)]).count == 2)
        #expect(address != SocketAddress(ipv4: (127, 0, 0, 2), port: 80))
        // ::ffff:127.0.0.1 is "the same host" to a dual-stack socket, but another address.
        #expect(address != (try SocketAddress(numericHost: "::ffff:127.0.0.1", port: 80)))
    }

    @Test(
        "an address read back from the kernel (getsockname) equals the one bound",
        arguments: loopbackHosts
    )
    func fromKernel(host: String) throws {
        let listener = try ListeningSocket(host: host, port: 0)
        defer { listener.close() }
        let fromKernel = try listener.socket.localAddress()
        #expect(fromKernel == listener.localAddress)
        #expect(fromKernel == (try SocketAddress(numericHost: host, port: fromKernel.port)))
    }

    @Test("lookup keeps a numeric host as written and resolves a name")
    func lookup() throws {
        #expect(try SocketAddress.lookup(host: "::1", port: 9) == SocketAddress(parsing: "[::1]:9"))
        let resolved = try SocketAddress.lookup(host: "localhost", port: 9)
        #expect(["127.0.0.1", "::1"].contains(resolved.host))
        #expect(resolved.port == 9)
        // A numeric host resolves to itself, once.
        #expect(
            try SocketAddress.resolve(host: "127.0.0.1", port: 9) == [
                SocketAddress(parsing: "127.0.0.1:9")
            ]
        )
    }

    @Test("a name that does not resolve says which name, with getaddrinfo's reason")
    func unresolvable() {
        #expect {
            try SocketAddress.resolve(host: "nowhere.invalid", port: 80)
        } throws: { error in
            guard case .resolutionFailed(let failure) = error as? SocketAddressError else {
                return false
            }
            return failure.host == "nowhere.invalid" && failure.code != 0
                && failure.description.hasPrefix("getaddrinfo(\"nowhere.invalid\"): ")
        }
    }
}
