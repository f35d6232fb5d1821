import Sockets
import SystemCalls
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
}
