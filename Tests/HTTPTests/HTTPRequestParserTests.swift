import HTTP
import Testing

@Suite("Request parser: the RFC 9112 examples")
struct HTTPRequestParserTests {
    @Test("RFC 9110's example GET parses into method, target, version and fields")
    func rfcExample() throws {
        let outcome = parse(
            bytes(
                "GET /hello.txt HTTP/1.1\r\nUser-Agent: curl/7.64.1\r\nHost: www.example.com\r\n"
                    + "Accept-Language: en, mi\r\n\r\n"
            )
        )
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.head.method == .get)
        #expect(request.head.target == "/hello.txt")
        #expect(request.head.version == .http11)
        #expect(request.head.host == "www.example.com")
        #expect(request.head.headers["accept-language"] == "en, mi")
        #expect(request.head.headers.count == 3)
        #expect(request.head.bodyLength == .none)
        #expect(request.head.keepAlive)
    }

    @Test("origin-form splits path and query (RFC 9112 §3.2.1)")
    func originForm() throws {
        let outcome = parse(bytes("GET /where?q=now HTTP/1.1\r\nHost: www.example.org\r\n\r\n"))
        let head = try #require(outcome.requests.first?.head)
        #expect(head.path == "/where")
        #expect(head.query == "q=now")
        #expect(head.queryItems["q"] == "now")
    }

    @Test("absolute-form takes the host from the target, not from Host (RFC 9112 §3.2.2)")
    func absoluteForm() throws {
        let outcome = parse(
            bytes(
                "GET http://www.example.org/pub/WWW/TheProject.html HTTP/1.1\r\n"
                    + "Host: other.example\r\n\r\n"
            )
        )
        let head = try #require(outcome.requests.first?.head)
        #expect(head.path == "/pub/WWW/TheProject.html")
        #expect(head.host == "www.example.org")
    }

    @Test("authority-form for CONNECT and asterisk-form for OPTIONS (RFC 9112 §3.2.3, §3.2.4)")
    func authorityAndAsteriskForms() throws {
        let connect = parse(
            bytes("CONNECT www.example.com:80 HTTP/1.1\r\nHost: www.example.com\r\n\r\n")
        )
        #expect(connect.requests.first?.head.host == "www.example.com:80")
        let options = parse(bytes("OPTIONS * HTTP/1.1\r\nHost: www.example.org:8001\r\n\r\n"))
        #expect(options.requests.first?.head.path == "*")
        let wrong = parse(bytes("GET * HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(wrong.error == .badTarget("*"))
    }

    @Test("field names are case-insensitive and repeated fields are all kept, in order")
    func repeatedFields() throws {
        let outcome = parse(
            bytes("GET / HTTP/1.1\r\nHost: a\r\nX-Tag: one\r\nx-tag: two\r\nX-TAG:three  \r\n\r\n")
        )
        let head = try #require(outcome.requests.first?.head)
        #expect(head.headers.values(for: "x-Tag") == ["one", "two", "three"])
        #expect(head.headers["X-TAG"] == "one")
    }

    @Test("a Content-Length body arrives in full (RFC 9112 §6.2)")
    func contentLengthBody() throws {
        let outcome = parse(
            bytes("POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 11\r\n\r\nhello world")
        )
        let request = try #require(outcome.requests.first)
        #expect(request.head.bodyLength == .fixed(11))
        #expect(request.body == bytes("hello world"))
    }

    @Test("a chunked body with extensions and trailers is decoded (RFC 9112 §7.1)")
    func chunkedBody() throws {
        let outcome = parse(
            bytes(
                "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "4;name=value\r\nWiki\r\n5 ; ext\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n"
                    + "0\r\nExpires: never\r\nX-Checksum: 42\r\n\r\n"
            )
        )
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.head.bodyLength == .chunked)
        #expect(String(decoding: request.body, as: UTF8.self) == "Wikipedia in\r\n\r\nchunks.")
        #expect(request.trailers["expires"] == "never")
        #expect(request.trailers["X-Checksum"] == "42")
    }

    @Test(
        "keep-alive defaults: 1.1 stays open, 1.0 closes unless asked (RFC 9112 §9.3)",
        arguments: [
            ("HTTP/1.1", "", true),
            ("HTTP/1.1", "Connection: close\r\n", false),
            ("HTTP/1.1", "Connection: Keep-Alive, CLOSE\r\n", false),
            ("HTTP/1.0", "", false),
            ("HTTP/1.0", "Connection: keep-alive\r\n", true),
        ]
    )
    func keepAlive(version: String, field: String, expected: Bool) throws {
        let outcome = parse(bytes("GET / \(version)\r\nHost: a\r\n\(field)\r\n"))
        #expect(outcome.requests.first?.head.keepAlive == expected)
    }

    @Test("Expect: 100-continue is noticed; any other expectation is a 417")
    func expectations() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n"
        let outcome = parse(bytes(head + "Expect: 100-Continue\r\n\r\nx"))
        #expect(outcome.requests.first?.head.expectsContinue == true)
        let other = parse(bytes(head + "Expect: teapot\r\n\r\nx"))
        #expect(other.error?.status == .expectationFailed)
    }

    @Test("an upgrade request is flagged, so the server can hand the connection over")
    func upgrade() {
        let outcome = parse(
            bytes(
                "GET /chat HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
            )
        )
        #expect(outcome.requests.first?.head.wantsUpgrade == true)
    }

    @Test("pipelined requests come out in order, with their bodies (RFC 9112 §9.3.2)")
    func pipelining() {
        let outcome = parse(
            bytes(
                "GET /1 HTTP/1.1\r\nHost: a\r\n\r\nPOST /2 HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\n"
                    + "abcGET /3 HTTP/1.1\r\nHost: a\r\n\r\n"
            )
        )
        #expect(outcome.requests.map(\.head.path) == ["/1", "/2", "/3"])
        #expect(outcome.requests[1].body == bytes("abc"))
    }

    @Test("empty lines before a request line are ignored (RFC 9112 §2.2)")
    func leadingEmptyLines() {
        let outcome = parse(bytes("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(outcome.requests.count == 1)
    }

    @Test("percent-decoding and query parsing")
    func decoding() throws {
        let outcome = parse(
            bytes(
                "GET /caf%C3%A9/a%20b?name=J%C3%BCrgen+M&tag=a&tag=b&empty HTTP/1.1\r\nHost: a\r\n\r\n"
            )
        )
        let head = try #require(outcome.requests.first?.head)
        #expect(head.decodedPath == "/café/a b")
        #expect(head.queryItems["name"] == "Jürgen M")
        #expect(head.queryItems.values(for: "tag") == ["a", "b"])
        #expect(head.queryItems["empty"] == "")
        #expect(PercentEncoding.decode("%zz") == nil)
        #expect(PercentEncoding.decode("%C3") == nil)  // not UTF-8
    }

    @Test("the peer closing mid-request is an error; closing between requests is not")
    func endOfInput() {
        var parser = HTTPRequestParser()
        parser.append(bytes("GET / HTTP/1.1\r\nHo"))
        #expect(throws: HTTPParseError.unexpectedEndOfInput) { try parser.finishInput() }
        var idle = HTTPRequestParser()
        #expect(throws: Never.self) { try idle.finishInput() }
    }
}
