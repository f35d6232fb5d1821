import E1103
import ExerciseSupport
import HTTPExerciseSupport
import Sockets
import Testing
import WebSockets

/// What the server side made of the frames: your assembler's events, then how it ended.
private struct Outcome: Equatable {
    var events: [WebSocketEvent]
    var error: WebSocketProtocolError?
}

/// The server side of a connection, as the library's handler does it: read a few bytes at
/// a time, cut them into frames with the library's parser, and give each to your assembler,
/// until a close frame, a protocol error or the end of the stream.
private func serve(_ connection: Connection) throws -> Outcome {
    var parser = WebSocketFrameParser(sender: .client, maximumFrameSize: 1 << 20)
    var assembler = E1103.WebSocketMessageAssembler(maximumMessageSize: 1 << 20)
    var outcome = Outcome(events: [], error: nil)
    while true {
        let piece = connection.readSome(upTo: 5)
        guard piece.ending == .complete else { return outcome }
        parser.append(piece.bytes)
        // Untyped, so that this compiles the same whether `consume` throws only
        // `WebSocketProtocolError` (as the library's does) or anything (as the starter's).
        do throws(any Error) {
            while let frame = try parser.nextFrame() {
                let event = try assembler.consume(frame)
                if event != .partial { outcome.events.append(event) }
                if case .close = event { return outcome }
            }
        } catch let error as WebSocketProtocolError {
            outcome.error = error
            return outcome
        }
    }
}

/// Sends `frames` as a client does (masked), in Fibonacci pieces, and serves them.
private func exchange(_ frames: [WebSocketFrame]) throws -> Outcome {
    let (client, server) = try connectedPair()
    defer {
        client.close()
        server.close()
    }
    var bytes: [UInt8] = []
    for (index, frame) in frames.enumerated() {
        bytes += frame.encoded(maskingKey: [0x10, 0x20, 0x30, UInt8(index)])
    }
    let stream = bytes
    let writer = try BackgroundThread(name: "the client") {
        try client.writeInFibonacciPieces(stream)
        try client.shutdownWriting()
    }
    return try writer.join(after: { try serve(server) })
}

@Suite("11.3f Your assembler behind the library's frame parser, on a real socket", .serialized)
struct AssemblyWireTests {
    @Test("fragments with control frames between them, a character split across two")
    func conversation() throws {
        let hello = Array("Hello, wörld".utf8)
        let split = hello.firstIndex(of: 0xC3).map { $0 + 1 } ?? 0  // inside the ö
        let outcome = try exchange([
            WebSocketFrame(isFinal: false, opcode: .text, payload: Array(hello[..<split])),
            WebSocketFrame(opcode: .ping, payload: [1, 2]),
            WebSocketFrame(opcode: .continuation, payload: Array(hello[split...])),
            WebSocketFrame(
                isFinal: false,
                opcode: .binary,
                payload: Array(repeating: 7, count: 300)
            ),
            WebSocketFrame(opcode: .pong),
            WebSocketFrame(isFinal: false, opcode: .continuation, payload: []),
            WebSocketFrame(opcode: .continuation, payload: Array(repeating: 8, count: 70000)),
            WebSocketFrame.close(code: .normalClosure, reason: "bye"),
        ])
        #expect(
            outcome
                == Outcome(
                    events: [
                        .ping([1, 2]), .message(.text("Hello, wörld")), .pong([]),
                        .message(
                            .binary(
                                Array(repeating: 7, count: 300) + Array(repeating: 8, count: 70000)
                            )
                        ),
                        .close(code: .normalClosure, reason: "bye"),
                    ],
                    error: nil
                )
        )
    }

    @Test("bad UTF-8 stops the connection at its fragment; what follows is never read")
    func failFast() throws {
        let outcome = try exchange([
            WebSocketFrame(opcode: .text, payload: Array("fine".utf8)),
            WebSocketFrame(isFinal: false, opcode: .text, payload: Array("κό".utf8)),
            WebSocketFrame(isFinal: false, opcode: .continuation, payload: [0xED, 0xA0, 0x80]),
            WebSocketFrame(opcode: .continuation, payload: Array("σμε".utf8)),
            WebSocketFrame(opcode: .ping),
        ])
        #expect(outcome == Outcome(events: [.message(.text("fine"))], error: .invalidUTF8))
    }
}
