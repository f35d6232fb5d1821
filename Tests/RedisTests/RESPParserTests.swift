import Redis
import Testing

@Suite("RESP parser: every type, whole and cut at every byte")
struct RESPParserTests {
    static let vectors: [(String, RESPValue)] = [
        ("+OK\r\n", .simpleString("OK")),
        ("+\r\n", .simpleString("")),
        (
            "-ERR unknown command 'FOO'\r\n",
            .simpleError(RedisServerError(message: "ERR unknown command 'FOO'"))
        ),
        (":0\r\n", .integer(0)),
        (":-42\r\n", .integer(-42)),
        (":+7\r\n", .integer(7)),
        (":9223372036854775807\r\n", .integer(.max)),
        (":-9223372036854775808\r\n", .integer(.min)),
        ("$5\r\nhello\r\n", .bulkString(bytes("hello"))),
        ("$0\r\n\r\n", .bulkString([])),
        ("$4\r\na\r\nb\r\n", .bulkString(bytes("a\r\nb"))),
        ("$-1\r\n", .nullBulkString),
        ("*0\r\n", .array([])),
        ("*-1\r\n", .nullArray),
        ("*2\r\n$3\r\nfoo\r\n:1\r\n", .array([.bulkString(bytes("foo")), .integer(1)])),
        ("*2\r\n*1\r\n:1\r\n*0\r\n", .array([.array([.integer(1)]), .array([])])),
        (
            "*3\r\n$1\r\na\r\n$-1\r\n$1\r\nc\r\n",
            .array([.bulkString([97]), .nullBulkString, .bulkString([99])])
        ),
        ("_\r\n", .null),
        ("#t\r\n", .boolean(true)),
        ("#f\r\n", .boolean(false)),
        (",3.14\r\n", .double(3.14)),
        (",-1.5e10\r\n", .double(-1.5e10)),
        (",10\r\n", .double(10)),
        (",inf\r\n", .double(.infinity)),
        (",-inf\r\n", .double(-.infinity)),
        (
            "(3492890328409238509324850943850943825024385\r\n",
            .bigNumber("3492890328409238509324850943850943825024385")
        ),
        ("(-1\r\n", .bigNumber("-1")),
        (
            "!21\r\nSYNTAX invalid syntax\r\n",
            .bulkError(RedisServerError(message: "SYNTAX invalid syntax"))
        ),
        ("=15\r\ntxt:Some string\r\n", .verbatimString(format: "txt", text: bytes("Some string"))),
        ("=4\r\nmkd:\r\n", .verbatimString(format: "mkd", text: [])),
        (
            "%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n",
            .map([
                RESPMapEntry(key: .simpleString("first"), value: .integer(1)),
                RESPMapEntry(key: .simpleString("second"), value: .integer(2)),
            ])
        ),
        ("%0\r\n", .map([])),
        ("~3\r\n+a\r\n:1\r\n#f\r\n", .set([.simpleString("a"), .integer(1), .boolean(false)])),
        (
            ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n",
            .push([
                .bulkString(bytes("message")), .bulkString(bytes("ch")), .bulkString(bytes("hi")),
            ])
        ),
        // The RESP3 specification's attribute example: a reply of two integers, with the
        // popularity of the keys attached.
        (
            "|1\r\n+key-popularity\r\n%2\r\n$1\r\na\r\n,0.1923\r\n$1\r\nb\r\n,0.0012\r\n*2\r\n:2039123\r\n:9543892\r\n",
            .attribute(
                [
                    RESPMapEntry(
                        key: .simpleString("key-popularity"),
                        value: .map([
                            RESPMapEntry(key: .bulkString([97]), value: .double(0.1923)),
                            RESPMapEntry(key: .bulkString([98]), value: .double(0.0012)),
                        ])
                    )
                ],
                .array([.integer(2_039_123), .integer(9_543_892)])
            )
        ),
        // An attribute on an element inside an array, and an empty one.
        ("*2\r\n|0\r\n:1\r\n:2\r\n", .array([.attribute([], .integer(1)), .integer(2)])),
    ]

    @Test("each vector, whole, byte by byte and cut at every offset", arguments: vectors)
    func vector(_ input: String, _ expected: RESPValue) throws {
        try expectSameAtEverySplit(bytes(input), [expected])
    }

    @Test("NaN parses as NaN (which is not equal to itself)")
    func notANumber() throws {
        let values = try parseAll(bytes(",nan\r\n"))
        guard case .double(let number) = values.first else {
            Issue.record("got \(values)")
            return
        }
        #expect(number.isNaN)
    }

    @Test("every vector encodes back to its own bytes", arguments: vectors)
    func encodesBack(_ input: String, _ value: RESPValue) {
        // These three have other canonical forms; every other vector is canonical.
        guard ![":+7\r\n", ",10\r\n", ",-1.5e10\r\n"].contains(input) else { return }
        #expect(value.encoded == bytes(input))
    }

    @Test("many pipelined replies in one read come out one by one, in order")
    func pipelined() throws {
        let input = (0..<1000).map { ":\($0)\r\n$3\r\nabc\r\n" }.joined()
        let values = try parseAll(bytes(input))
        #expect(values.count == 2000)
        #expect(values[1998] == .integer(999))
        #expect(values[1999] == .bulkString(bytes("abc")))
    }

    @Test("a bulk string of 8 MiB, cut into reads of 64 KiB, arrives whole")
    func bigBulkString() throws {
        let payload = (0..<(8 * 1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let input = bytes("$\(payload.count)\r\n") + payload + bytes("\r\n")
        let cuts = Array(stride(from: 65536, to: input.count, by: 65536))
        #expect(try parse(input, cutAt: cuts) == [.bulkString(payload)])
    }

    @Test("a partial reply asks for more data, and the parser says it is mid-reply")
    func needMoreData() throws {
        var parser = RESPParser()
        #expect(parser.isBetweenValues)
        parser.append(bytes("*2\r\n:1\r\n"))
        #expect(try parser.next() == .needMoreData)
        #expect(!parser.isBetweenValues)
        parser.append(bytes(":2\r\n"))
        #expect(try parser.next() == .value(.array([.integer(1), .integer(2)])))
        #expect(parser.isBetweenValues)
    }
}
