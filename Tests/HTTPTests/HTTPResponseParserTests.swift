import HTTP
import Testing

@Suite("Response parser: how a client finds where a response ends (RFC 9112 §6.3)")
struct HTTPResponseParserTests {
    /// Parses `text` as answers to `methods`, in pieces of `pieceSize` bytes, then the
    /// end of input; returns each response's status and body.
    func parseResponses(
        _ text: String,
        methods: [HTTPMethod],
        pieceSize: Int = .max,
        close: Bool = false
    ) throws -> [(Int, String)] {
        var parser = HTTPResponseParser()
        for method in methods { parser.expectResponse(to: method) }
        var results: [(Int, String)] = []
        var status = 0
        var body: [UInt8] = []
        func handle(_ event: HTTPResponseParser.Event) {
            switch event {
            case .head(let head): status = head.status.code
            case .body(let piece): body += piece
            case .end:
                results.append((status, String(decoding: body, as: UTF8.self)))
                body = []
            case .needMoreData: break
            }
        }
        let bytes = Array(text.utf8)
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + pieceSize)
            parser.append(Array(bytes[start..<end]))
            start = end
            while true {
                let event = try parser.next()
                if event == .needMoreData { break }
                handle(event)
            }
        }
        if close, let last = try parser.finishInput() { handle(last) }
        return results
    }

    @Test("fixed, chunked, 204, 304, HEAD and 1xx responses, pipelined, byte by byte")
    func framing() throws {
        let text =
            "HTTP/1.1 100 Continue\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
            + "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
            + "HTTP/1.1 204 No Content\r\nContent-Length: 99\r\n\r\n"
            + "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 42\r\n\r\n"
            + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
        let methods: [HTTPMethod] = [.post, .get, .get, .get, .head, .get]
        for pieceSize in [1, 7, Int.max] {
            let results = try parseResponses(text, methods: methods, pieceSize: pieceSize)
            #expect(results.map(\.0) == [100, 200, 200, 204, 304, 200, 200])
            #expect(results.map(\.1) == ["", "hello", "abc", "", "", "", "ok"])
        }
    }

    @Test("a body without length ends when the server closes the connection")
    func untilClose() throws {
        let results = try parseResponses(
            "HTTP/1.0 200 OK\r\n\r\nall of this",
            methods: [.get],
            pieceSize: 4,
            close: true
        )
        #expect(results.first?.1 == "all of this")
    }

    @Test("a cut-short response and a bad status line are errors")
    func errors() {
        #expect(throws: HTTPParseError.unexpectedEndOfInput) {
            try parseResponses(
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhe",
                methods: [.get],
                close: true
            )
        }
        #expect(throws: HTTPParseError.self) {
            try parseResponses("HTTP/1.1 2000 OK\r\n\r\n", methods: [.get])
        }
    }
}
