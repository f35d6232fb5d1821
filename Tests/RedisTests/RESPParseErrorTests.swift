import Redis
import Testing

@Suite("RESP parser: bad input and limits, with what and where")
struct RESPParseErrorTests {
    static let malformed: [(String, RESPParseError)] = [
        ("?x\r\n", .unknownType(byte: 63, offset: 0)),
        (":1\r\n\u{0}", .unknownType(byte: 0, offset: 4)),
        (":12a\r\n", .invalidScalar(.integer, text: "12a", offset: 0)),
        (":\r\n", .invalidScalar(.integer, text: "", offset: 0)),
        (
            ":9223372036854775808\r\n",
            .invalidScalar(.integer, text: "9223372036854775808", offset: 0)
        ),
        ("$abc\r\n", .invalidLength(.bulkString, text: "abc", offset: 0)),
        ("$-2\r\n", .invalidLength(.bulkString, text: "-2", offset: 0)),
        ("*-2\r\n", .invalidLength(.array, text: "-2", offset: 0)),
        ("~-1\r\n", .invalidLength(.set, text: "-1", offset: 0)),
        ("$3\r\nabcXY", .missingLineEnd(.bulkString, offset: 0)),
        ("*2\r\n:1\r\n$1\r\nab\r\n", .missingLineEnd(.bulkString, offset: 8)),
        ("_x\r\n", .invalidScalar(.null, text: "x", offset: 0)),
        ("#x\r\n", .invalidScalar(.boolean, text: "x", offset: 0)),
        (",0x1p3\r\n", .invalidScalar(.double, text: "0x1p3", offset: 0)),
        (",infinity\r\n", .invalidScalar(.double, text: "infinity", offset: 0)),
        ("(12.5\r\n", .invalidScalar(.bigNumber, text: "12.5", offset: 0)),
        ("=2\r\nab\r\n", .invalidVerbatimString(offset: 0)),
        ("=5\r\ntxt-a\r\n", .invalidVerbatimString(offset: 0)),
    ]

    @Test("malformed input names the type and the byte offset", arguments: malformed)
    func malformedInput(_ input: String, _ expected: RESPParseError) {
        #expect(throws: expected) { try parseAll(bytes(input)) }
        // Cut at every offset, the error is the same: where TCP cut changes nothing.
        for cut in 0...input.utf8.count {
            #expect(throws: expected) { try parse(bytes(input), cutAt: [cut]) }
        }
    }

    @Test("after an error, every later call throws it again")
    func sticky() {
        var parser = RESPParser()
        parser.append(bytes("?\r\n:1\r\n"))
        #expect(throws: RESPParseError.unknownType(byte: 63, offset: 0)) { try parser.next() }
        #expect(throws: RESPParseError.unknownType(byte: 63, offset: 0)) { try parser.next() }
    }

    @Test("a bulk string longer than the limit fails at its header, before its bytes arrive")
    func bulkLimit() throws {
        var limits = RESPParser.Limits()
        limits.maximumBulkLength = 10
        try expectSameAtEverySplit(
            bytes("$10\r\n0123456789\r\n"),
            [.bulkString(bytes("0123456789"))],
            limits: limits
        )
        var parser = RESPParser(limits: limits)
        parser.append(bytes(":1\r\n$11\r\n"))
        #expect(try parser.next() == .value(.integer(1)))
        #expect(throws: RESPParseError.bulkTooLong(.bulkString, length: 11, limit: 10, offset: 4)) {
            try parser.next()
        }
        #expect(
            throws: RESPParseError.bulkTooLong(.verbatimString, length: 11, limit: 10, offset: 0)
        ) {
            try parseAll(bytes("=11\r\n"), limits: limits)
        }
    }

    @Test("an aggregate longer than the limit fails at its header")
    func aggregateLimit() throws {
        var limits = RESPParser.Limits()
        limits.maximumAggregateLength = 3
        try expectSameAtEverySplit(
            bytes("*3\r\n:1\r\n:2\r\n:3\r\n"),
            [.array([.integer(1), .integer(2), .integer(3)])],
            limits: limits
        )
        #expect(throws: RESPParseError.aggregateTooLong(.array, count: 4, limit: 3, offset: 0)) {
            try parseAll(bytes("*4\r\n"), limits: limits)
        }
        // A map's limit counts pairs.
        #expect(throws: RESPParseError.aggregateTooLong(.map, count: 4, limit: 3, offset: 4)) {
            try parseAll(bytes("*1\r\n%4\r\n"), limits: limits)
        }
        // A billion elements announced: refused, nothing reserved.
        #expect(
            throws: RESPParseError.aggregateTooLong(
                .set,
                count: 1_000_000_000,
                limit: 1_048_576,
                offset: 0
            )
        ) {
            try parseAll(bytes("~1000000000\r\n"))
        }
    }

    @Test("nesting deeper than the limit fails where the level too many begins")
    func depthLimit() throws {
        var limits = RESPParser.Limits()
        limits.maximumDepth = 3
        try expectSameAtEverySplit(
            bytes("*1\r\n*1\r\n*1\r\n:1\r\n"),
            [.array([.array([.array([.integer(1)])])])],
            limits: limits
        )
        #expect(throws: RESPParseError.tooDeep(limit: 3, offset: 12)) {
            try parseAll(bytes("*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n"), limits: limits)
        }
        // The default limit stops a stream of `*1` headers long before the stack matters.
        let deep = String(repeating: "*1\r\n", count: 100_000)
        #expect(throws: RESPParseError.tooDeep(limit: 32, offset: 128)) {
            try parseAll(bytes(deep))
        }
    }

    @Test("a line with no CR LF within the limit fails, however it arrives")
    func lineLimit() throws {
        var limits = RESPParser.Limits()
        limits.maximumLineLength = 8
        try expectSameAtEverySplit(
            bytes("+12345678\r\n"),
            [.simpleString("12345678")],
            limits: limits
        )
        #expect(throws: RESPParseError.lineTooLong(limit: 8, offset: 0)) {
            try parseAll(bytes("+123456789\r\n"), limits: limits)
        }
        var parser = RESPParser(limits: limits)
        parser.append(bytes("+12345678"))
        #expect(try parser.next() == .needMoreData)
        parser.append(bytes("9"))
        #expect(try parser.next() == .needMoreData)  // decided once the bytes after are seen
        parser.append(bytes("9"))
        #expect(throws: RESPParseError.lineTooLong(limit: 8, offset: 0)) { try parser.next() }
    }

    @Test("a reply larger than the limit fails at the byte that crosses it")
    func replyLimit() throws {
        var limits = RESPParser.Limits()
        limits.maximumReplySize = 20
        // 4 + 3 × 5 = 19 bytes: allowed; the next reply is counted on its own.
        let fits = "*3\r\n:11\r\n:22\r\n:33\r\n"
        try expectSameAtEverySplit(
            bytes(fits + fits),
            Array(repeating: .array([.integer(11), .integer(22), .integer(33)]), count: 2),
            limits: limits
        )
        #expect(throws: RESPParseError.replyTooLarge(limit: 20, offset: 19)) {
            try parseAll(bytes("*4\r\n:11\r\n:22\r\n:33\r\n:44\r\n"), limits: limits)
        }
        #expect(throws: RESPParseError.replyTooLarge(limit: 20, offset: 4)) {
            try parseAll(bytes("*2\r\n$20\r\n"), limits: limits)
        }
    }

    @Test("errors describe themselves for a person")
    func descriptions() {
        #expect(
            RESPParseError.bulkTooLong(.bulkString, length: 11, limit: 10, offset: 4).description
                == "byte 4: bulk string ($) of 11 bytes is longer than the limit of 10"
        )
        #expect(
            RESPParseError.unknownType(byte: 0, offset: 7).description
                == "byte 7: 0x00 is not a RESP type"
        )
    }
}
