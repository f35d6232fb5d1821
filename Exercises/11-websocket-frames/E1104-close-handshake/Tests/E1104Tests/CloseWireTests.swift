import E1104
import ExerciseSupport
import Sockets
import Testing
import WebSocketExerciseSupport
import WebSockets

/// A small WebSocket server on one connection, driven by *your* close handshake.
///
/// It reads frames with the library's parser and assembler, echoes messages while your
/// handshake says data may be sent, closes with 1001 after `closeAfter` messages if
/// asked, and performs each `CloseAction` as the library's `WebSocket.perform` does:
/// send the close frame; once the handshake is over, close TCP (the server first).
///
/// - Returns: What it did, one line per action, for the test to compare.
private func serve(_ connection: Connection, closeAfter: Int? = nil) throws -> [String] {
    var parser = WebSocketFrameParser(sender: .client, maximumFrameSize: 1 << 16)
    var assembler = WebSocketMessageAssembler(maximumMessageSize: 1 << 16)
    var handshake = E1104.CloseHandshake()
    var log: [String] = []
    var messages = 0

    func perform(_ action: CloseAction) throws -> Bool {
        switch action {
        case .sendClose(let code, let reason):
            log.append("send close \(code?.rawValue.description ?? "(empty)") \(reason)")
            try connection.writeAll(WebSocketFrame.close(code: code, reason: reason).encoded())
            if handshake.isClosed {
                log.append("close TCP")
                return true
            }
        case .closeConnection:
            log.append("close TCP")
            return true
        case .doNothing:
            log.append("nothing")
        }
        return false
    }

    while true {
        let piece = connection.readSome(upTo: 64)
        guard piece.ending == .complete else {
            log.append("the client went away: \(piece)")
            return log
        }
        parser.append(piece.bytes)
        while let frame = try parser.nextFrame() {
            switch try assembler.consume(frame) {
            case .message(let message):
                guard handshake.canSendData else {
                    log.append("discard \(message)")
                    continue
                }
                if case .text(let text) = message {
                    try connection.writeAll(
                        WebSocketFrame(opcode: .text, payload: Array(text.utf8)).encoded()
                    )
                }
                messages += 1
                if messages == closeAfter {
                    if try perform(handshake.close(code: .goingAway, reason: "bye")) { return log }
                }
            case .close(let code, _):
                if try perform(handshake.closeReceived(code: code)) { return log }
            default:
                break
            }
        }
    }
}

/// Runs `client` on its own thread against ``serve(_:closeAfter:)`` over a real socket;
/// the server shuts its side down when it closes TCP, as the library's does.
private func run(
    closeAfter: Int? = nil,
    client: @escaping @Sendable (Connection) throws -> [String]
) throws -> (server: [String], client: [String]) {
    let (clientSide, serverSide) = try connectedPair()
    defer {
        clientSide.close()
        serverSide.close()
    }
    let thread = try BackgroundThread(name: "the client") { try client(clientSide) }
    let server = Result {
        defer { try? serverSide.shutdownWriting() }  // the client sees the end of stream
        return try serve(serverSide, closeAfter: closeAfter)
    }
    let seen = try thread.join()
    return (try server.get(), seen)
}

/// A client frame: masked, as every client's must be.
private func send(_ frame: WebSocketFrame, on connection: Connection) throws {
    try connection.writeAll(frame.encoded(maskingKey: [7, 7, 7, 7]))
}

@Suite("11.4b Your handshake runs a real connection's close", .serialized)
struct CloseWireTests {
    @Test("the client closes first: the server echoes the code and closes TCP")
    func clientFirst() throws {
        let (server, client) = try run { connection in
            try send(WebSocketFrame(opcode: .text, payload: Array("hi".utf8)), on: connection)
            try send(
                .close(code: WebSocketCloseCode(rawValue: 4000), reason: "bye"),
                on: connection
            )
            var reader = FrameReader(connection, sender: .server)
            return try reader.summariesToEnd()
        }
        #expect(server == ["send close 4000 ", "close TCP"], "the server's actions")
        #expect(
            client == [#"text "hi""#, #"close 4000 """#, "end of stream"],
            "what the client received"
        )
    }

    @Test("an empty close is echoed empty")
    func emptyClose() throws {
        let (server, client) = try run { connection in
            try send(WebSocketFrame(opcode: .close), on: connection)
            var reader = FrameReader(connection, sender: .server)
            return try reader.summariesToEnd()
        }
        #expect(server == ["send close (empty) ", "close TCP"], "the server's actions")
        #expect(client == ["close (empty)", "end of stream"], "what the client received")
    }

    @Test("the server closes first: data after its close is discarded; the client's close ends it")
    func serverFirst() throws {
        let (server, client) = try run(closeAfter: 1) { connection in
            var reader = FrameReader(connection, sender: .server)
            var seen: [String] = []
            try send(WebSocketFrame(opcode: .text, payload: Array("one".utf8)), on: connection)
            for _ in 0..<2 {
                if let frame = try reader.nextFrame() { seen.append(summary(of: frame)) }
            }
            // Sent before the client acts on the server's close: the server must drop it.
            try send(WebSocketFrame(opcode: .text, payload: Array("late".utf8)), on: connection)
            try send(.close(code: .goingAway, reason: ""), on: connection)
            return try seen + reader.summariesToEnd()
        }
        #expect(
            server == ["send close 1001 bye", "discard text(\"late\")", "close TCP"],
            "the server's actions"
        )
        #expect(
            client == [#"text "one""#, #"close 1001 "bye""#, "end of stream"],
            "what the client received"
        )
    }
}
