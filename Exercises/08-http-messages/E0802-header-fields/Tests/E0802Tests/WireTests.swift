import E0802
import ExerciseSupport
import HTTP
import HTTPExerciseSupport
import Sockets
import Testing

/// Reads heads from `connection` with the learner's scanner and parser, the way the
/// library's server does: small reads, a scanner that remembers how far it looked, and
/// the fields parsed only once the empty line is in.
///
/// - Returns: Each head's fields, or the error that stopped reading, and what was received.
private func readHeads(
    from connection: Connection,
    limits: E0802.HeadScanner.Limits,
    pieceSize: Int = 5
) -> (heads: [HTTPHeaders], error: (any Error)?, received: [UInt8]) {
    var heads: [HTTPHeaders] = []
    var received: [UInt8] = []
    var input: [UInt8] = []  // received and not yet parsed: starts at a head's first byte
    var scanner = E0802.HeadScanner(hasStartLine: true)
    do {
        while true {
            let piece = connection.readSome(upTo: pieceSize)
            guard piece.ending == .complete else { break }
            received += piece.bytes
            input += piece.bytes
            while let length = try input.withUnsafeBufferPointer({
                try scanner.scan($0, limits: limits)
            }) {
                let fieldsStart = (scanner.startLineEnd ?? 0) + 2
                let fields = try input.withUnsafeBufferPointer {
                    try E0802.FieldLineParser.parseSection($0, from: fieldsStart, to: length - 2)
                }
                heads.append(fields)
                input.removeFirst(length)
                scanner = E0802.HeadScanner(hasStartLine: true)
            }
        }
    } catch {
        return (heads, error, received)
    }
    return (heads, nil, received)
}

@Suite("8.2c Header fields over real sockets", .serialized)
struct HeaderWireTests {
    static let limits = E0802.HeadScanner.Limits(
        maximumTargetLength: 1024,
        maximumFieldBytes: 4096,
        maximumFieldCount: 5
    )

    @Test("pipelined heads cut at odd places give the same fields as whole ones")
    func pipelinedHeads() throws {
        let (client, server) = try connectedPair()
        defer {
            client.close()
            server.close()
        }
        let stream = Array(
            ("GET /a HTTP/1.1\r\nHost: example.com\r\nAccept:  */*  \r\n\r\n"
                + "GET /b HTTP/1.1\r\nhost:example.com\r\nX-Tab:\tyes\t\r\nX-Empty:\r\n\r\n"
                + "GET /c HTTP/1.0\r\n\r\n").utf8
        )
        let writer = try BackgroundThread(name: "the client") {
            try client.writeInFibonacciPieces(stream)
            try client.shutdownWriting()
        }
        let (heads, error, received) = readHeads(from: server, limits: Self.limits)
        try writer.join()
        let sent = "the server received \(describeBytes(received, limit: 200))"
        #expect(error == nil, "reading stopped with \(error.map { "\($0)" } ?? ""); \(sent)")
        #expect(heads.count == 3, "\(sent)")
        #expect(
            heads.first?.fields == [
                HTTPField(name: "Host", value: "example.com"),
                HTTPField(name: "Accept", value: "*/*"),
            ]
        )
        #expect(
            heads.dropFirst().first?.fields == [
                HTTPField(name: "host", value: "example.com"),
                HTTPField(name: "X-Tab", value: "yes"),
                HTTPField(name: "X-Empty", value: ""),
            ]
        )
        #expect(heads.last?.isEmpty == true)
    }

    @Test("curl's fields arrive as curl was told to send them; too many get a 431")
    func curl() throws {
        let listener = try ListeningSocket(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let url = "http://127.0.0.1:\(listener.localAddress.port)/"
        for (extraFields, expected) in [
            (
                ["X-Padded:    spaced out   ", "x-lower-case: a", "X-Empty;"],
                "200 X-Padded=[spaced out] x-lower-case=[a] X-Empty=[]"
            ),
            ((1...6).map { "X-Field-\($0): \($0)" }, "431 more than 5 header fields"),
        ] {
            let curl = try Curl(extraFields.flatMap { ["-H", $0] } + ["-H", "Accept:", url])
            let server = try BackgroundThread(name: "the test's server") {
                let connection = try listener.acceptOne()
                defer { connection.closeGracefully() }
                var scanner = E0802.HeadScanner(hasStartLine: true)
                var input: [UInt8] = []
                var answer: String
                do {
                    while true {
                        let piece = connection.readSome(upTo: 11)
                        guard piece.ending == .complete else {
                            throw HeadNotReceived(received: input, ending: piece.ending)
                        }
                        input += piece.bytes
                        guard
                            let length = try input.withUnsafeBufferPointer({
                                try scanner.scan($0, limits: Self.limits)
                            })
                        else { continue }
                        let fields = try input.withUnsafeBufferPointer {
                            try E0802.FieldLineParser.parseSection(
                                $0,
                                from: (scanner.startLineEnd ?? 0) + 2,
                                to: length - 2
                            )
                        }
                        // curl's own fields (Host, User-Agent) are left out of the answer.
                        let ours = fields.filter { !["Host", "User-Agent"].contains($0.name) }
                        answer =
                            "200 " + ours.map { "\($0.name)=[\($0.value)]" }.joined(separator: " ")
                        break
                    }
                } catch let error as HTTPParseError {
                    answer = "\(error.status.code) \(error)"
                }
                let status = answer.prefix(3)
                try connection.writeAll(
                    "HTTP/1.1 \(status) X\r\nContent-Length: \(answer.utf8.count)\r\n"
                        + "Connection: close\r\n\r\n\(answer)"
                )
            }
            let result = try server.join(after: { curl.finish() })
            #expect(result.output == expected, "\(curl.commandLine)\n\(result)")
        }
    }
}
