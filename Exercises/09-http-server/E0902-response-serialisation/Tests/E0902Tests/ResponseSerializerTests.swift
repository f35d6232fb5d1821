import E0902
import ExerciseSupport
import HTTP
import Testing

/// The `Date` line tests pass in: RFC 9110's own example date.
let dateLine = Array("Date: Sun, 06 Nov 1994 08:49:37 GMT\r\n".utf8)

/// The learner's head for `head`, as text.
func headText(
    _ head: HTTPResponseHead,
    framing: ResponseFraming = .fixed(0),
    connection: ConnectionOption = .unstated
) throws -> String {
    var output: [UInt8] = []
    try E0902.ResponseSerializer.writeHead(
        head,
        framing: framing,
        connection: connection,
        dateLine: dateLine,
        into: &output
    )
    return String(decoding: output, as: UTF8.self)
}

@Suite("9.2a ResponseSerializer.writeHead: status line, fields, framing, Connection", .serialized)
struct WriteHeadTests {
    @Test("a head is the status line, Date, the fields, the framing, and an empty line")
    func exactBytes() throws {
        let head = HTTPResponseHead(
            status: .ok,
            headers: ["Content-Type": "text/plain; charset=utf-8"]
        )
        #expect(
            try headText(head, framing: .fixed(13))
                == "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 13\r\n\r\n"
        )
    }

    @Test("the handler's fields keep their order, case and repetitions")
    func fieldOrder() throws {
        var headers = HTTPHeaders()
        headers.add(name: "set-cookie", value: "a=1")
        headers.add(name: "X-Thing", value: "x")
        headers.add(name: "Set-Cookie", value: "b=2")
        let text = try headText(HTTPResponseHead(status: .ok, headers: headers))
        #expect(
            text.contains("\r\nset-cookie: a=1\r\nX-Thing: x\r\nSet-Cookie: b=2\r\n"),
            "\(text)"
        )
    }

    @Test("the reason phrase is sent as given, even empty (the space before it stays)")
    func reasonPhrase() throws {
        let custom = try headText(
            HTTPResponseHead(status: HTTPStatus(code: 299, reasonPhrase: "Fine Thanks"))
        )
        #expect(custom.hasPrefix("HTTP/1.1 299 Fine Thanks\r\n"), "\(custom)")
        let empty = try headText(HTTPResponseHead(status: HTTPStatus(code: 200, reasonPhrase: "")))
        #expect(empty.hasPrefix("HTTP/1.1 200 \r\n"), "\(empty)")
    }

    @Test("Date, Content-Length and Transfer-Encoding from the handler are dropped, any case")
    func serverOwnedFields() throws {
        let head = HTTPResponseHead(
            status: .ok,
            headers: [
                "content-length": "99", "X-Kept": "1", "TRANSFER-ENCODING": "gzip",
                "date": "yesterday",
            ]
        )
        let text = try headText(head, framing: .fixed(5))
        #expect(
            text == "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nX-Kept: 1\r\n"
                + "Content-Length: 5\r\n\r\n",
            "\(text)"
        )
    }

    @Test(
        "the framing field follows the framing",
        arguments: [
            (ResponseFraming.fixed(0), "Content-Length: 0\r\n"),
            (.fixed(1_234_567), "Content-Length: 1234567\r\n"),
            (.chunked, "Transfer-Encoding: chunked\r\n"),
            (.none, ""), (.untilClose, ""),
        ]
    )
    func framing(framing: ResponseFraming, line: String) throws {
        let text = try headText(HTTPResponseHead(status: .ok), framing: framing)
        #expect(
            text == "HTTP/1.1 200 OK\r\n" + String(decoding: dateLine, as: UTF8.self) + line
                + "\r\n"
        )
    }

    @Test("Connection says close or keep-alive as asked; the handler's own is dropped then")
    func connection() throws {
        let head = HTTPResponseHead(status: .ok, headers: ["Connection": "whatever"])
        let close = try headText(head, framing: .none, connection: .close)
        #expect(close.hasSuffix("\r\nConnection: close\r\n\r\n"), "\(close)")
        #expect(!close.contains("whatever"), "\(close)")
        let keepAlive = try headText(head, framing: .none, connection: .keepAlive)
        #expect(keepAlive.hasSuffix("\r\nConnection: keep-alive\r\n\r\n"), "\(keepAlive)")
        // .unstated: the handler's field stays (a 101 upgrade says `Connection: Upgrade`).
        let upgrade = HTTPResponseHead(
            status: .switchingProtocols,
            headers: ["Upgrade": "websocket", "Connection": "Upgrade"]
        )
        let unstated = try headText(upgrade, framing: .none, connection: .unstated)
        #expect(
            unstated
                == "HTTP/1.1 101 Switching Protocols\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
            "\(unstated)"
        )
    }
}

@Suite("9.2b problem(with:): response splitting is refused", .serialized)
struct ProblemTests {
    static let unsafe: [(String, HTTPResponseHead)] = [
        (
            "CR LF in a value",
            HTTPResponseHead(status: .ok, headers: ["X": "a\r\nSet-Cookie: evil=1"])
        ),
        ("a lone LF in a value", HTTPResponseHead(status: .ok, headers: ["X": "a\nb"])),
        ("a lone CR in a value", HTTPResponseHead(status: .ok, headers: ["X": "a\rb"])),
        ("NUL in a value", HTTPResponseHead(status: .ok, headers: ["X": "a\u{0}b"])),
        ("DEL in a value", HTTPResponseHead(status: .ok, headers: ["X": "a\u{7F}"])),
        ("CR LF in a name", HTTPResponseHead(status: .ok, headers: ["X\r\nSet-Cookie": "1"])),
        ("a space in a name", HTTPResponseHead(status: .ok, headers: ["Bad Name": "1"])),
        ("a colon in a name", HTTPResponseHead(status: .ok, headers: ["X:Y": "1"])),
        ("an empty name", HTTPResponseHead(status: .ok, headers: ["": "1"])),
        (
            "CR LF in the reason",
            HTTPResponseHead(status: HTTPStatus(code: 200, reasonPhrase: "OK\r\nX: y"))
        ),
        ("code 99", HTTPResponseHead(status: HTTPStatus(code: 99))),
        ("code 1000", HTTPResponseHead(status: HTTPStatus(code: 1000))),
    ]

    @Test("each unsafe head has a problem", arguments: unsafe)
    func refused(name: String, head: HTTPResponseHead) throws {
        #expect(try E0902.ResponseSerializer.problem(with: head) != nil, "\(name)")
    }

    @Test("tabs, quotes and UTF-8 in values, and odd but valid names, are fine")
    func accepted() throws {
        let head = HTTPResponseHead(
            status: HTTPStatus(code: 599, reasonPhrase: "Ça va\tbien"),
            headers: [
                "X-Tab": "a\tb", "X-Quote": "\"q\"", "X-Name": "Jörg", "X!#$%&'*+-.^_`|~": "1",
            ]
        )
        let problem = try E0902.ResponseSerializer.problem(with: head)
        #expect(problem == nil, "reported \(problem ?? "")")
    }
}

@Suite("9.2c chunks, and complete responses as respond sends them", .serialized)
struct SerializeTests {
    static let text = HTTPResponse.text("Hello, World!")

    @Test("a chunk is its size in lower-case hex, CR LF, the bytes, CR LF")
    func chunks() throws {
        let data = Array(repeating: UInt8(ascii: "x"), count: 26)
        #expect(
            try Bytes(E0902.ResponseSerializer.chunk(data))
                == Bytes([UInt8]("1a\r\n".utf8) + data + [13, 10])
        )
        let big = try E0902.ResponseSerializer.chunk(Array(repeating: 0, count: 4096))
        #expect(Bytes(big.prefix(6)) == Bytes("1000\r\n"))
        #expect(big.count == 4096 + 8)
    }

    @Test("the last chunk is 0, the trailers, and an empty line")
    func lastChunk() throws {
        #expect(try Bytes(E0902.ResponseSerializer.lastChunk(trailers: [:])) == Bytes("0\r\n\r\n"))
        let withTrailer = try E0902.ResponseSerializer.lastChunk(trailers: ["Digest": "sha-256=x"])
        #expect(Bytes(withTrailer) == Bytes("0\r\nDigest: sha-256=x\r\n\r\n"))
    }

    @Test("a response is its head with Content-Length, then its body")
    func complete() throws {
        let bytes = try E0902.ResponseSerializer.serialize(
            Self.text,
            isHeadRequest: false,
            connection: .unstated,
            dateLine: dateLine
        )
        #expect(
            Bytes(bytes)
                == Bytes(
                    "HTTP/1.1 200 OK\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\n"
                        + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: 13\r\n\r\n"
                        + "Hello, World!"
                )
        )
    }

    @Test("the answer to HEAD states the length but sends no body")
    func head() throws {
        let get = try E0902.ResponseSerializer.serialize(
            Self.text,
            isHeadRequest: false,
            connection: .close,
            dateLine: dateLine
        )
        let head = try E0902.ResponseSerializer.serialize(
            Self.text,
            isHeadRequest: true,
            connection: .close,
            dateLine: dateLine
        )
        #expect(Bytes(head) == Bytes(get.dropLast(13)), "HEAD: the same head, no body")
    }

    @Test("204 and 304 have neither a body nor Content-Length, whatever the handler gave")
    func noBody() throws {
        for status in [HTTPStatus.noContent, .notModified] {
            let response = HTTPResponse(
                status: status,
                headers: ["ETag": "\"1\""],
                body: [1, 2, 3]
            )
            let bytes = try E0902.ResponseSerializer.serialize(
                response,
                isHeadRequest: false,
                connection: .unstated,
                dateLine: dateLine
            )
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(
                text
                    == "HTTP/1.1 \(status)\r\nDate: Sun, 06 Nov 1994 08:49:37 GMT\r\nETag: \"1\"\r\n\r\n",
                "\(text)"
            )
        }
    }

    @Test("a head with a problem, or an interim status, becomes a 500 and is never sent")
    func refusedBecome500() throws {
        for response in [
            HTTPResponse(status: .ok, headers: ["X": "a\r\nSet-Cookie: evil=1"], body: [1]),
            HTTPResponse(status: HTTPStatus(code: 200, reasonPhrase: "OK\r\nSet-Cookie: evil=1")),
            HTTPResponse(status: .continue),
            HTTPResponse(status: HTTPStatus(code: 42)),
        ] {
            let bytes = try E0902.ResponseSerializer.serialize(
                response,
                isHeadRequest: false,
                connection: .close,
                dateLine: dateLine
            )
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasPrefix("HTTP/1.1 500 Internal Server Error\r\n"), "\(text)")
            #expect(text.hasSuffix("\r\n\r\n500 Internal Server Error\n"), "\(text)")
            #expect(!text.contains("evil"), "\(text)")
        }
    }
}
