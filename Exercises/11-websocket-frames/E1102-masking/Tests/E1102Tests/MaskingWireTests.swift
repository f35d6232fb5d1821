import E1102
import EventLoop
import ExerciseSupport
import Sockets
import Testing
import WebSocketExerciseSupport
import WebSockets

/// Writes a client frame masked with *your* `apply`, the payload in pieces of `pieceSize`
/// bytes, each masked at its offset just before it is written, as a client streaming a
/// large frame would.
private func send(
    _ opcode: WebSocketOpcode,
    final: Bool = true,
    _ payload: [UInt8],
    key: [UInt8],
    pieceSize: Int,
    on connection: Connection
) throws {
    let header = FrameHeader(
        isFinal: final,
        opcode: opcode,
        maskingKey: key,
        payloadLength: UInt64(payload.count)
    )
    try connection.writeAll(header.encoded)  // the library's header
    var offset = 0
    while offset < payload.count {
        var piece = Array(payload[offset..<min(payload.count, offset + pieceSize)])
        try E1102.Masking.apply(key, to: &piece, offset: offset)
        try connection.writeAll(piece)
        offset += piece.count
    }
}

@Suite("11.2b Your masking, unmasked by the library's WebSocket server", .serialized)
struct MaskingWireTests {
    @Test("messages masked by you, whole, in pieces and in fragments, come back as sent")
    func echo() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let server = try startEchoServer(group: group)
        let connection = try Connection.connect(to: server.localAddress, timeout: .seconds(5))
        let text = String(repeating: "Grüße, κόσμε! ", count: 700)
        let big = (0..<100_003).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let result = Result {
            defer { connection.close() }
            var reader = FrameReader(connection, sender: .server, pieceSize: 65536)
            var seen: [String] = []
            func answer() throws -> String {
                guard let frame = try reader.nextFrame() else { return "end of stream" }
                if frame.opcode == .close { return summary(of: frame) }
                let sent = frame.opcode == .text ? Array(text.utf8) : big
                return "\(frame.opcode) \(firstDifference(sent, frame.payload))"
            }
            // One frame, masked one byte at a time.
            try send(.text, Array(text.utf8), key: [1, 2, 3, 4], pieceSize: 1, on: connection)
            seen.append(try answer())
            // One frame, masked whole, then in pieces of odd sizes.
            for size in [.max, 3, 7, 4093] {
                try send(
                    .binary,
                    big,
                    key: [0xDE, 0xAD, 0xBE, 0xEF],
                    pieceSize: size,
                    on: connection
                )
                seen.append(try answer())
            }
            // A message in three fragments, each frame with its own key, starting at 0.
            let parts = [big[..<10_001], big[10_001..<10_006], big[10_006...]].map(Array.init)
            for (index, part) in parts.enumerated() {
                try send(
                    index == 0 ? .binary : .continuation,
                    final: index == 2,
                    part,
                    key: E1102.Masking.randomKey(),
                    pieceSize: 1000,
                    on: connection
                )
            }
            seen.append(try answer())
            return seen
        }
        await server.shutdown(gracePeriod: .seconds(2))
        #expect(
            try result.get() == ["text identical"] + Array(repeating: "binary identical", count: 5),
            "each line: what the server sent back, compared with what was masked"
        )
    }
}
