import Foundation
import Sockets
import SystemCalls
import TestSupport
import Testing

@Suite("echo-client: sends, half-closes, prints every reply", .ownThread)
struct EchoClientTests {
    @Test("with --message it prints the echo and exits 0", arguments: loopbackHosts)
    func message(host: String) throws {
        let (server, address) = try startServer(["echo-server"], host: host)
        let client = try DemoProcess(
            "echo-client",
            ["--host", host, "--port", "\(address.port)", "--message", "hello"]
        )
        #expect(try client.readLine() == "connected to \(address)")
        #expect(try client.readLine() == "hello")
        #expect(try client.readLine() == nil)
        #expect(try client.waitForExit() == .exited(0), "stderr: \(client.standardError)")
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test(
        "standard input is sent, the client half-closes, and every reply is printed before it exits 0"
    )
    func standardInput() throws {
        let (server, address) = try startServer(["echo-async"])
        let client = try DemoProcess("echo-client", ["--port", "\(address.port)"], withInput: true)
        var input: [UInt8] = []
        for index in 0..<20_000 { input += Array("line \(index) of the input\n".utf8) }  // ~490 KB
        let handle = try #require(client.inputHandle)
        let writer = try TestThread(name: "stdin-writer") { [input] in
            try handle.write(contentsOf: input)
            try handle.close()  // end of input: the client half-closes the connection
        }
        #expect(try client.readLine() == "connected to \(address)")
        let output = try client.readOutputToEnd(within: .seconds(30))
        try writer.result(within: .seconds(5))
        #expect(output.count == input.count)
        #expect(output == input)
        #expect(try client.waitForExit() == .exited(0), "stderr: \(client.standardError)")
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test(
        "connecting where nothing listens exits non-zero and names connect and ECONNREFUSED",
        arguments: loopbackHosts
    )
    func refused(host: String) throws {
        let closed = try closedPort(on: host)
        defer { closed.release() }
        let address = closed.address
        let client = try DemoProcess(
            "echo-client",
            ["--host", host, "--port", "\(address.port)", "--message", "x"]
        )
        #expect(try client.readOutputToEnd().isEmpty)
        let ending = try client.waitForExit()
        #expect(ending != .exited(0))
        #expect(ending == .exited(1))
        let errors = client.standardError
        #expect(errors.contains("connect"))
        #expect(errors.contains("ECONNREFUSED"))
    }
}
