import Libc
import Sockets
import SystemCalls
import TestSupport
import Testing

@Suite("eio-server and eio-client, as built", .ownThread)
struct EngineIODemoTests {
    @Test("eio-server takes HOST and PORT from the environment; --port overrides PORT")
    func environment() throws {
        let fromEnvironment = try DemoProcess(
            "eio-server",
            environment: ["HOST": "127.0.0.1", "PORT": "0"]
        )
        #expect(try fromEnvironment.listeningAddress().description.hasPrefix("127.0.0.1:"))
        fromEnvironment.send(SIGTERM)
        #expect(try fromEnvironment.waitForExit(within: .seconds(5)) == .exited(0))

        let port = try ClosedPort(host: "127.0.0.1")  // bound: eio-server must not use it
        let overridden = try DemoProcess(
            "eio-server",
            ["--port", "0"],
            environment: ["HOST": "127.0.0.1", "PORT": "\(port.port)"]
        )
        #expect(try overridden.listeningAddress().port != port.port)
        overridden.send(SIGTERM)
        #expect(try overridden.waitForExit(within: .seconds(5)) == .exited(0))
    }

    @Test("SIGTERM stops eio-server within 5 s; a poll held open gets the close packet")
    func stopsWithHeldPoll() throws {
        let server = try DemoProcess("eio-server", ["--port", "0", "--ping-interval", "30000"])
        let address = try server.listeningAddress()
        let connection = try Connection.connect(to: address, timeout: .seconds(5))
        defer { connection.close() }
        try connection.writeAll(
            "GET /engine.io/?EIO=4&transport=polling HTTP/1.1\r\nHost: x\r\n\r\n"
        )
        let handshake = try readResponseBody(connection)
        let sid = try #require(handshake.split(separator: "\"").dropFirst(3).first)
        try connection.writeAll(
            "GET /engine.io/?EIO=4&transport=polling&sid=\(sid) HTTP/1.1\r\nHost: x\r\n\r\n"
        )
        #expect(throws: TestTimeout.self, "the poll is held: nothing to read yet") {
            try connection.waitReadable(before: Deadline(after: .milliseconds(200)), for: "a byte")
        }
        server.send(SIGTERM)
        #expect(try readResponseBody(connection) == "1")
        #expect(try server.waitForExit(within: .seconds(5)) == .exited(0))
    }

    /// Reads one HTTP response from `connection` and returns its body as text.
    private func readResponseBody(_ connection: Connection) throws -> String {
        var received: [UInt8] = []
        let deadline = Deadline(after: .seconds(5))
        while true {
            let text = String(decoding: received, as: UTF8.self)
            if let headEnd = text.range(of: "\r\n\r\n"),
                let lengthLine = text[..<headEnd.lowerBound].split(separator: "\r\n")
                    .first(where: { $0.lowercased().hasPrefix("content-length:") }),
                let length = Int(lengthLine.split(separator: ":")[1].filter { $0 != " " })
            {
                let body = Array(text[headEnd.upperBound...].utf8)
                if body.count >= length {
                    return String(decoding: body.prefix(length), as: UTF8.self)
                }
            }
            try connection.waitReadable(before: deadline, for: "a response")
            let bytes = try connection.read()
            if bytes.isEmpty { throw TestTimeout("a response (the connection closed)") }
            received += bytes
        }
    }

    @Test(
        "eio-client sends each line of its input and prints the echo, in every transport mode",
        arguments: ["polling", "websocket", "default"]
    )
    func client(mode: String) throws {
        let server = try DemoProcess("eio-server", ["--port", "0"])
        let address = try server.listeningAddress()
        let url = "http://127.0.0.1:\(address.port)"
        let client = try DemoProcess(
            "eio-client",
            ["--transport", mode, url],
            withInput: true
        )
        #expect(try client.readLine() == "connected to \(url)")
        try client.writeInput(Array("hello\n".utf8))
        #expect(try client.readLine() == "< hello")
        try client.writeInput(Array("wörld 😀\n".utf8))
        #expect(try client.readLine() == "< wörld 😀")
        client.closeInput()  // after the echoes: closing does not wait for answers
        #expect(try client.readLine() == "closed: forced close")
        #expect(try client.waitForExit() == .exited(0))
        server.send(SIGTERM)
        #expect(try server.waitForExit(within: .seconds(5)) == .exited(0))
    }
}
