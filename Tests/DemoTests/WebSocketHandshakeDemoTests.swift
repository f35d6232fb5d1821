import Libc
import SystemCalls
import TestSupport
import Testing

/// The upgrade request of RFC 6455 §1.3 (with the §4.1 fields), lines ending in CR LF.
private func upgradeRequest(_ extraFields: [String] = [], version: String = "13") -> [UInt8] {
    let lines =
        [
            "GET /chat HTTP/1.1", "Host: server.example.com", "Upgrade: websocket",
            "Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
            "Sec-WebSocket-Version: \(version)",
        ] + extraFields
    return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
}

/// Runs ws-handshake with `arguments` and `input` on standard input.
private func run(
    _ arguments: [String] = [],
    input: [UInt8] = []
) throws -> (output: String, ending: DemoProcess.Termination) {
    let demo = try DemoProcess("ws-handshake", arguments, withInput: true)
    try demo.writeInput(input)
    demo.closeInput()
    let output = String(decoding: try demo.readOutputToEnd(), as: UTF8.self)
    return (output, try demo.waitForExit())
}

@Suite(
    "ws-handshake: the opening handshake from standard input, as the server answers it",
    .ownThread
)
struct WebSocketHandshakeDemoTests {
    @Test("a key as argument prints its Sec-WebSocket-Accept: the RFC's example")
    func acceptValueOfAKey() throws {
        let (output, ending) = try run(["dGhlIHNhbXBsZSBub25jZQ=="])
        #expect(output == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\n")
        #expect(ending == .exited(0))
    }

    @Test("the RFC's request gets a 101 head with the RFC's accept value, in CR LF lines")
    func switchingProtocols() throws {
        let (output, ending) = try run(input: upgradeRequest())
        #expect(ending == .exited(0))
        #expect(output.hasSuffix("\r\n\r\n"))
        let lines = output.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.first == "HTTP/1.1 101 Switching Protocols")
        #expect(lines.contains { $0.hasPrefix("Date: ") && $0.hasSuffix(" GMT") })
        #expect(lines.contains("Upgrade: websocket"))
        #expect(lines.contains("Connection: Upgrade"))
        #expect(lines.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="))
        #expect(!lines.contains { $0.hasPrefix("Sec-WebSocket-Protocol") })
    }

    @Test("with --protocol the server's first choice that the client offered is named")
    func subprotocol() throws {
        let request = upgradeRequest(["Sec-WebSocket-Protocol: superchat, chat"])
        let (output, ending) = try run(["--protocol", "chat,superchat"], input: request)
        #expect(ending == .exited(0))
        #expect(output.contains("\r\nSec-WebSocket-Protocol: chat\r\n"))
    }

    @Test("version 8 is refused with 426 and the version we speak; exit 1")
    func unsupportedVersion() throws {
        let (output, ending) = try run(input: upgradeRequest(version: "8"))
        #expect(ending == .exited(1))
        #expect(
            output == """
                refused: 426 Upgrade Required
                  reason: Sec-WebSocket-Version 8: only 13 is spoken
                  Sec-WebSocket-Version: 13

                """
        )
    }

    @Test("an origin not on the --origin list is refused with 403")
    func originRefused() throws {
        let request = upgradeRequest(["Origin: https://evil.example"])
        let (output, ending) = try run(["--origin", "https://example.com"], input: request)
        #expect(ending == .exited(1))
        #expect(output.hasPrefix("refused: 403 Forbidden\n"))
    }

    @Test("bytes that are not HTTP get the parser's error and its status")
    func notHTTP() throws {
        let (output, ending) = try run(input: Array("GET / HTTP/1.1\nHost: x\n\n".utf8))
        #expect(ending == .exited(1))
        #expect(output == "error: a line ended without CR LF -> 400 Bad Request\n")
    }
}

@Suite(
    "ws-echo and ws-client: our client sends lines to our server and prints the echoes",
    .ownThread
)
struct WebSocketEchoDemoTests {
    @Test("each line comes back as a message; at the end of input the client closes with 1000")
    func echoes() throws {
        let (server, address) = try startServer(["ws-echo"])
        let client = try DemoProcess(
            "ws-client",
            ["ws://127.0.0.1:\(address.port)/chat"],
            withInput: true
        )
        try client.writeInput(Array("hello\nhéllo, wörld\n".utf8))
        #expect(try client.readLine() == "connected to ws://127.0.0.1:\(address.port)/chat")
        #expect(try client.readLine() == "< hello")
        #expect(try client.readLine() == "< héllo, wörld")
        // Only now: an echo that arrives after our close frame went out is dropped.
        client.closeInput()
        #expect(try client.readLine() == "closed: 1000 (normal closure)")
        #expect(try client.readLine() == nil)
        #expect(try client.waitForExit() == .exited(0), "stderr: \(client.standardError)")
        server.send(SIGTERM)
        #expect(try server.waitForExit() == .exited(0))
    }

    @Test("a server that shuts down closes its WebSockets with 1001, going away")
    func goingAway() throws {
        let (server, address) = try startServer(["ws-echo"])
        let client = try DemoProcess(
            "ws-client",
            ["ws://127.0.0.1:\(address.port)/"],
            withInput: true
        )
        defer { client.closeInput() }
        #expect(try client.readLine() == "connected to ws://127.0.0.1:\(address.port)/")
        server.send(SIGTERM)
        #expect(try client.readLine() == "closed: 1001 (going away), server shutting down")
        #expect(try client.waitForExit() == .exited(0), "stderr: \(client.standardError)")
        #expect(try server.waitForExit() == .exited(0))
    }
}
