import E0803
import ExerciseSupport
import Foundation
import HTTP
import HTTPExerciseSupport
import Sockets
import Testing

/// Reads a chunked body from `connection`, starting with `start` (bytes that came with
/// the head), in reads of at most `pieceSize` bytes, until the decoder says it ended.
private func readChunkedBody(
    from connection: Connection,
    start: [UInt8] = [],
    pieceSize: Int
) throws -> (body: [UInt8], trailers: HTTPHeaders) {
    var decoder = E0803.ChunkedDecoder(maximumBodySize: 1 << 24, trailerLimits: trailerLimits)
    var input = InputBuffer()
    input.append(start)
    var body: [UInt8] = []
    while true {
        switch try decoder.next(&input) {
        case .data(let piece):
            body += piece
        case .end(let trailers):
            return (body, trailers)
        case .needMoreData:
            let piece = connection.readSome(upTo: pieceSize)
            guard piece.ending == .complete else {
                throw HeadNotReceived(received: body, ending: piece.ending)
            }
            input.append(piece.bytes)
        }
    }
}

/// A body's bytes, deterministic but not text: every byte value appears.
private func sampleBody(count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
}

/// `bytes` as chunks of the given sizes (cycling), with an extension now and then.
private func chunked(_ bytes: [UInt8], sizes: [Int]) -> [UInt8] {
    var output: [UInt8] = []
    var offset = 0
    var turn = 0
    while offset < bytes.count {
        let size = min(sizes[turn % sizes.count], bytes.count - offset)
        let ext = turn % 3 == 0 ? ";turn=\(turn)" : ""
        output += Array("\(String(size, radix: 16))\(ext)\r\n".utf8)
        output += bytes[offset..<offset + size]
        output += Array("\r\n".utf8)
        offset += size
        turn += 1
    }
    return output + Array("0\r\nX-Total: \(bytes.count)\r\n\r\n".utf8)
}

@Suite("8.3 Chunked bodies over real sockets", .serialized)
struct ChunkedWireTests {
    @Test("100 KB of chunks cut at odd places arrive whole, with the trailer")
    func oddSplits() throws {
        let (client, server) = try connectedPair()
        defer {
            client.close()
            server.close()
        }
        let body = sampleBody(count: 100_000)
        let wire = chunked(body, sizes: [1, 4095, 16, 0x3000, 7, 100])
        let writer = try BackgroundThread(name: "the client") {
            try client.writeInFibonacciPieces(wire)
        }
        let (received, trailers) = try readChunkedBody(from: server, pieceSize: 97)
        try writer.join()
        #expect(Bytes(received) == Bytes(body), "\(firstDifference(body, received))")
        #expect(trailers["x-total"] == "100000")
    }

    @Test("curl's chunked upload decodes to the file curl sent")
    func curl() throws {
        let body = sampleBody(count: 200_000)
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("E0803-upload-\(ProcessInfo.processInfo.processIdentifier).bin")
        try Data(body).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let listener = try ListeningSocket(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let curl = try Curl([
            "-H", "Transfer-Encoding: chunked", "-H", "Expect:", "--data-binary", "@\(file.path)",
            "http://127.0.0.1:\(listener.localAddress.port)/upload",
        ])
        let server = try BackgroundThread(name: "the test's server") {
            let connection = try listener.acceptOne()
            defer { connection.closeGracefully() }
            let (_, start) = try connection.readHead()
            let (received, _) = try readChunkedBody(from: connection, start: start, pieceSize: 1000)
            let answer = received == body ? "same \(received.count) bytes" : "different bytes"
            try connection.writeAll(
                "HTTP/1.1 200 OK\r\nContent-Length: \(answer.utf8.count)\r\n\r\n\(answer)"
            )
        }
        let result = try server.join(after: { curl.finish() })
        #expect(result.output == "same 200000 bytes", "\(curl.commandLine)\n\(result)")
    }
}
