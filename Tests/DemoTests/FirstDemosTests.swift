import Foundation
import TestSupport
import Testing

@Suite("fd-demo and resolve: run, print what they say, exit", .ownThread)
struct FirstDemosTests {
    @Test("fd-demo shows descriptors 3, 4, 5, 6, a pipe round trip and two errno failures")
    func fdDemo() throws {
        let demo = try DemoProcess("fd-demo")
        let lines = String(decoding: try demo.readOutputToEnd(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        #expect(try demo.waitForExit() == .exited(0), "stderr: \(demo.standardError)")
        #expect(lines.first?.hasPrefix("0, 1 and 2 are standard input, output and error.") == true)
        // Standard input is /dev/null and 0, 1, 2 are taken: the lowest free number is 3.
        #expect(lines.contains("open(\"/etc/hostname\") gave descriptor 3: the lowest free number"))
        #expect(lines.contains("pipe() gave 4 to read and 5 to write"))
        #expect(lines.contains("socket() gave 6: a socket is a descriptor like the others"))
        #expect(lines.contains("read 20 bytes back: hello through a pipe"))
        #expect(
            lines.contains { $0.hasPrefix("expected failure: open: ") && $0.contains("ENOENT") }
        )
        #expect(
            lines.contains { $0.hasPrefix("expected failure: close: ") && $0.contains("EBADF") }
        )
        // At the end the file (3) is closed; the pipe (4, 5) and the socket (6) are open.
        let openAtEnd = try #require(lines.last { $0.hasPrefix("open now: ") })
        let numbers = Set(
            openAtEnd.dropFirst("open now: ".count).split(separator: " ").compactMap { Int($0) }
        )
        #expect(numbers.isSuperset(of: [0, 1, 2, 4, 5, 6]))
        #expect(!numbers.contains(3))
    }

    @Test("resolve localhost shows a loopback address with its bytes in network order")
    func resolveLocalhost() throws {
        let demo = try DemoProcess("resolve", ["--port", "443", "localhost"])
        let lines = String(decoding: try demo.readOutputToEnd(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        #expect(try demo.waitForExit() == .exited(0))
        #expect(!lines.isEmpty)
        #expect(
            lines.allSatisfy { $0.hasPrefix("localhost -> ") && $0.contains("port bytes 01 bb") }
        )
        let ipv4 =
            "localhost -> 127.0.0.1:443  family ipv4  port bytes 01 bb  address bytes 7f 00 00 01"
        let ipv6 =
            "localhost -> [::1]:443  family ipv6  port bytes 01 bb  address bytes "
            + Array(repeating: "00", count: 15).joined(separator: " ") + " 01"
        #expect(lines.contains(ipv4) || lines.contains(ipv6))
    }

    @Test("resolve prints numeric addresses as they are, several names in order")
    func resolveNumeric() throws {
        let demo = try DemoProcess("resolve", ["127.0.0.1", "::1"])
        let lines = String(decoding: try demo.readOutputToEnd(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        #expect(try demo.waitForExit() == .exited(0))
        #expect(lines.count == 2)
        #expect(
            lines.first?.hasPrefix("127.0.0.1 -> 127.0.0.1:80  family ipv4  port bytes 00 50")
                == true
        )
        #expect(lines.last?.hasPrefix("::1 -> [::1]:80  family ipv6  port bytes 00 50") == true)
    }

    @Test("a name that does not resolve exits 1 and says why, after resolving the others")
    func resolveFailure() throws {
        let demo = try DemoProcess("resolve", ["nowhere.invalid", "127.0.0.1"])
        let output = String(decoding: try demo.readOutputToEnd(), as: UTF8.self)
        #expect(try demo.waitForExit() == .exited(1))
        #expect(output.hasPrefix("127.0.0.1 -> 127.0.0.1:80"))
        #expect(demo.standardError.contains("resolve: getaddrinfo(\"nowhere.invalid\"): "))
    }
}
