import E1101
import EventLoop
import ExerciseSupport
import Sockets
import Testing
import WebSocketExerciseSupport
import WebSockets

/// Reads one frame with *your* decoder: a few bytes at a time until the header is whole,
/// then the payload, unmasked with the library's `Masking` if the frame is masked.
private func readFrame(
    from connection: Connection,
    buffer: inout [UInt8]
) throws -> (header: E1101.FrameHeader, headerLength: Int, payload: [UInt8])? {
    while true {
        if case .header(let header, let headerLength) = try E1101.FrameHeader.decode(buffer[...]),
            buffer.count >= headerLength + Int(header.payloadLength)
        {
            let end = headerLength + Int(header.payloadLength)
            var payload = Array(buffer[headerLength..<end])
            if let key = header.maskingKey { Masking.apply(key, to: &payload) }
            buffer.removeFirst(end)
            return (header, headerLength, payload)
        }
        let piece = connection.readSome(upTo: buffer.count < 14 ? 3 : 65536)
        guard piece.ending == .complete else {
            if piece.ending == .endOfStream { return nil }
            throw FrameNotReceived(received: buffer, ending: piece.ending)
        }
        buffer += piece.bytes
    }
}

@Suite("11.1c Your headers, on a real connection to the library's WebSocket server", .serialized)
struct FrameHeaderWireTests {
    @Test("frames with headers you encoded come back, and you decode the server's headers")
    func echo() async throws {
        let group = try EventLoopGroup(loopCount: 1)
        defer { try? group.shutdown() }
        let server = try startEchoServer(group: group)
        let connection = try Connection.connect(to: server.localAddress, timeout: .seconds(5))
        var buffer: [UInt8] = []
        let result = Result {
            defer { connection.close() }
            var seen: [String] = []
            for (opcode, count) in [
                (WebSocketOpcode.text, 5), (.binary, 0), (.binary, 125), (.binary, 126),
                (.ping, 125), (.binary, 300), (.binary, 65535), (.binary, 65536), (.binary, 70000),
            ] {
                let payload = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7 + 1) }
                let key: [UInt8] = [0x12, 0x34, 0x56, UInt8(truncatingIfNeeded: count)]
                let sent = E1101.FrameHeader(
                    isFinal: true,
                    opcode: opcode,
                    maskingKey: key,
                    payloadLength: UInt64(count)
                )
                var masked = payload
                Masking.apply(key, to: &masked)
                try connection.writeAll(try sent.encoded + masked)
                let answer = try readFrame(from: connection, buffer: &buffer)
                guard let (header, headerLength, echo) = answer else {
                    seen.append("\(opcode) \(count): the server closed the connection")
                    break
                }
                let expectedOpcode = opcode == .ping ? WebSocketOpcode.pong : opcode
                var line = "\(opcode) \(count):"
                if header.opcodeBits != expectedOpcode.rawValue {
                    line += " answered with opcode \(header.opcodeBits)"
                    if header.opcodeBits == WebSocketOpcode.close.rawValue {
                        let close = WebSocketFrame(opcode: .close, payload: echo)
                        line += " (\(summary(of: close)))"
                    }
                }
                if header.maskingKey != nil { line += " masked" }
                if headerLength != (count <= 125 ? 2 : count <= 65535 ? 4 : 10) {
                    line += " header of \(headerLength) bytes"
                }
                line += echo == payload ? " ok" : " payload \(firstDifference(payload, echo))"
                seen.append(line)
            }
            return seen
        }
        await server.shutdown(gracePeriod: .seconds(2))
        #expect(
            try result.get() == [
                "text 5: ok", "binary 0: ok", "binary 125: ok", "binary 126: ok", "ping 125: ok",
                "binary 300: ok", "binary 65535: ok", "binary 65536: ok", "binary 70000: ok",
            ]
        )
    }
}
