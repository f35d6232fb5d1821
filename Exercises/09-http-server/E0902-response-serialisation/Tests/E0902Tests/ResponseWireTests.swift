import E0902
import ExerciseSupport
import HTTP
import HTTPExerciseSupport
import Sockets
import Testing

/// A response as the library's client parser understood it.
private struct Understood: Equatable, CustomStringConvertible {
    var status: Int
    var headers: HTTPHeaders
    var body: String
    var trailers: HTTPHeaders

    var description: String {
        "\(status) [\(headers.map { "\($0.name): \($0.value)" }.joined(separator: ", "))] "
            + "body \(body.debugDescription) trailers [\(trailers)]"
    }
}

/// Reads responses from `connection` with the library's `HTTPResponseParser`, in reads
/// of at most `pieceSize` bytes, one per method in `methods`, until the peer closes.
private func readResponses(
    from connection: Connection,
    answering methods: [HTTPMethod],
    pieceSize: Int = 9
) throws -> [Understood] {
    var parser = HTTPResponseParser()
    for method in methods { parser.expectResponse(to: method) }
    var responses: [Understood] = []
    var current: Understood?
    while true {
        let piece = connection.readSome(upTo: pieceSize)
        guard piece.ending == .complete else {
            if case .end = try parser.finishInput(), var last = current {
                last.trailers = [:]
                responses.append(last)
            }
            return responses
        }
        parser.append(piece.bytes)
        parsing: while true {
            switch try parser.next() {
            case .needMoreData: break parsing
            case .head(let head):
                current = Understood(
                    status: head.status.code,
                    headers: head.headers,
                    body: "",
                    trailers: [:]
                )
            case .body(let bytes): current?.body += String(decoding: bytes, as: UTF8.self)
            case .end(let trailers):
                if var response = current {
                    response.trailers = trailers
                    responses.append(response)
                }
                current = nil
            }
        }
    }
}

@Suite("9.2d Your bytes, read by real HTTP parsers", .serialized)
struct ResponseWireTests {
    @Test(
        "four pipelined responses, cut at odd places, are read back by the library's client parser"
    )
    func libraryParser() throws {
        let (server, client) = try connectedPair()
        defer {
            server.close()
            client.close()
        }
        let date = dateLine
        let writer = try BackgroundThread(name: "the server side") {
            defer { try? server.shutdownWriting() }  // even when serialising fails
            var stream: [UInt8] = []
            let text = HTTPResponse.text("Hello, World!")
            stream += try E0902.ResponseSerializer.serialize(
                text,
                isHeadRequest: false,
                connection: .unstated,
                dateLine: date
            )
            stream += try E0902.ResponseSerializer.serialize(
                text,
                isHeadRequest: true,
                connection: .unstated,
                dateLine: date
            )
            stream += try E0902.ResponseSerializer.serialize(
                HTTPResponse(status: .noContent),
                isHeadRequest: false,
                connection: .unstated,
                dateLine: date
            )
            try E0902.ResponseSerializer.writeHead(
                HTTPResponseHead(status: .ok, headers: ["Content-Type": "text/plain"]),
                framing: .chunked,
                connection: .close,
                dateLine: date,
                into: &stream
            )
            stream += try E0902.ResponseSerializer.chunk(Array("streamed ".utf8))
            stream += try E0902.ResponseSerializer.chunk(Array("in chunks".utf8))
            stream += try E0902.ResponseSerializer.lastChunk(trailers: ["X-Lines": "2"])
            try server.writeInFibonacciPieces(stream)
        }
        let responses = try writer.join(after: {
            try readResponses(from: client, answering: [.get, .head, .delete, .get])
        })
        let sent = "Sun, 06 Nov 1994 08:49:37 GMT"
        let plain = "text/plain; charset=utf-8"
        #expect(
            responses == [
                Understood(
                    status: 200,
                    headers: ["Date": sent, "Content-Type": plain, "Content-Length": "13"],
                    body: "Hello, World!",
                    trailers: [:]
                ),
                Understood(
                    status: 200,
                    headers: ["Date": sent, "Content-Type": plain, "Content-Length": "13"],
                    body: "",
                    trailers: [:]
                ),
                Understood(status: 204, headers: ["Date": sent], body: "", trailers: [:]),
                Understood(
                    status: 200,
                    headers: [
                        "Date": sent, "Content-Type": "text/plain",
                        "Transfer-Encoding": "chunked", "Connection": "close",
                    ],
                    body: "streamed in chunks",
                    trailers: ["X-Lines": "2"]
                ),
            ],
            "the client understood \(responses)"
        )
    }

    @Test("curl reads your answer to GET and to HEAD, and never sees a split response")
    func curl() throws {
        let listener = try ListeningSocket(host: "127.0.0.1", port: 0)
        defer { listener.close() }
        let url = "http://127.0.0.1:\(listener.localAddress.port)/"
        for (arguments, response, expected) in [
            (["-i"], HTTPResponse.text("Hello, curl!"), "HTTP/1.1 200 OK"),
            (["-I"], HTTPResponse.text("Hello, curl!"), "HTTP/1.1 200 OK"),
            (
                ["-i"], HTTPResponse(status: .ok, headers: ["X": "1\r\nSet-Cookie: evil=1"]),
                "HTTP/1.1 500 Internal Server Error"
            ),
        ] {
            let curl = try Curl(arguments + [url])
            let server = try BackgroundThread(name: "the test's server") {
                let connection = try listener.acceptOne()
                defer { connection.closeGracefully() }
                let (head, _) = try connection.readHead()
                let isHead = head.starts(with: Array("HEAD ".utf8))
                try connection.writeAll(
                    E0902.ResponseSerializer.serialize(
                        response,
                        isHeadRequest: isHead,
                        connection: .close,
                        dateLine: dateLine
                    )
                )
            }
            let result = try server.join(after: { curl.finish() })
            let lines = result.output.split(separator: "\r\n", omittingEmptySubsequences: false)
            #expect(result.status == 0, "\(curl.commandLine)\n\(result)")
            #expect(lines.first.map(String.init) == expected, "\(curl.commandLine)\n\(result)")
            #expect(!result.output.contains("evil"), "\(curl.commandLine)\n\(result)")
            if response.body == Array("Hello, curl!".utf8) {
                #expect(result.output.contains("Content-Length: 12\r\n"), "\(result)")
                let body = arguments == ["-I"] ? "" : "Hello, curl!"
                #expect(
                    result.output.hasSuffix("\r\n\r\n" + body),
                    "\(curl.commandLine)\n\(result)"
                )
            }
        }
    }
}
