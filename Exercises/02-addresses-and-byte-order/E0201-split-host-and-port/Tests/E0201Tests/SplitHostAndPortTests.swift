import E0201
import Sockets
import Testing

@Suite("2.1 splitHostAndPort: host:port, [ipv6]:port, and every way to get it wrong")
struct SplitHostAndPortTests {
    @Test(
        "host and port come apart at the last colon",
        arguments: [
            ("127.0.0.1:8080", "127.0.0.1", 8080),
            ("localhost:80", "localhost", 80),
            ("example.com:443", "example.com", 443),
            ("0.0.0.0:0", "0.0.0.0", 0),
            ("10.1.2.3:65535", "10.1.2.3", 65535),
            ("host:007", "host", 7),
        ] as [(String, String, UInt16)]
    )
    func plain(text: String, host: String, port: UInt16) throws {
        let (foundHost, foundPort) = try E0201.splitHostAndPort(text)
        #expect(foundHost == host, "host of \(text.debugDescription)")
        #expect(foundPort == port, "port of \(text.debugDescription)")
    }

    @Test(
        "an IPv6 host comes out of its brackets, and the port follows the ]",
        arguments: [
            ("[::1]:8080", "::1", 8080),
            ("[::]:1", "::", 1),
            ("[fe80::1:2]:65535", "fe80::1:2", 65535),
            ("[2001:db8::42]:443", "2001:db8::42", 443),
        ] as [(String, String, UInt16)]
    )
    func bracketed(text: String, host: String, port: UInt16) throws {
        let (foundHost, foundPort) = try E0201.splitHostAndPort(text)
        #expect(foundHost == host, "host of \(text.debugDescription): no brackets in the host")
        #expect(foundPort == port, "port of \(text.debugDescription)")
    }

    @Test(
        "no port at all is missingPort, with the whole text",
        arguments: ["127.0.0.1", "localhost", "[::1]", ""]
    )
    func missingPort(text: String) {
        #expect(throws: SocketAddressError.missingPort(text)) { try E0201.splitHostAndPort(text) }
    }

    @Test(
        "a port that is not a number from 0 to 65535 is invalidPort, with the port's text",
        arguments: [
            ("127.0.0.1:", ""), ("127.0.0.1:http", "http"), ("127.0.0.1:65536", "65536"),
            ("127.0.0.1:-1", "-1"), ("127.0.0.1:+80", "+80"), ("127.0.0.1: 80", " 80"),
            ("127.0.0.1:80 ", "80 "), ("[::1]:", ""), ("[::1]:99999", "99999"),
            ("host:１２", "１２"),
        ]
    )
    func invalidPort(text: String, portText: String) {
        #expect(throws: SocketAddressError.invalidPort(portText)) {
            try E0201.splitHostAndPort(text)
        }
    }

    @Test(
        "IPv6 without brackets, or brackets that do not close, is invalidBrackets",
        arguments: ["::1:80", "fe80::1:443", "[::1:80", "[::1]80", "[::1]x:80"]
    )
    func invalidBrackets(text: String) {
        #expect(throws: SocketAddressError.invalidBrackets(text)) {
            try E0201.splitHostAndPort(text)
        }
    }

    @Test("what you split, the library turns into an address a socket can bind")
    func bindable() throws {
        let (host, port) = try E0201.splitHostAndPort("127.0.0.1:0")
        let listener = try ListeningSocket(address: SocketAddress(numericHost: host, port: port))
        defer { listener.close() }
        #expect(listener.localAddress.host == "127.0.0.1")
    }
}
