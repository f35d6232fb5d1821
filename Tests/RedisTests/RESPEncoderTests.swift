import Redis
import Testing

@Suite("RESP command encoding")
struct RESPEncoderTests {
    @Test("a command is an array of bulk strings")
    func command() {
        #expect(
            RedisCommand("SET", "k", "v").encoded
                == bytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n")
        )
        #expect(RedisCommand("PING").encoded == bytes("*1\r\n$4\r\nPING\r\n"))
    }

    @Test("arguments are binary-safe: every byte value, CR and LF included, goes as it is")
    func binary() throws {
        let every = (0...255).map { UInt8($0) }
        let encoded = RedisCommand("SET", "k", RedisArgument(bytes: every)).encoded
        #expect(encoded.count == 4 + 9 + 7 + 6 + 256 + 2)
        let parsed = try parseAll(encoded)
        #expect(
            parsed == [
                .array([.bulkString(bytes("SET")), .bulkString(bytes("k")), .bulkString(every)])
            ]
        )
    }

    @Test("integers, doubles and interpolations become their text")
    func literals() {
        let id = 42
        let command = RedisCommand("INCRBYFLOAT", "user:\(id)", RedisArgument(2.5))
        #expect(command.arguments.map(\.description) == ["INCRBYFLOAT", "user:42", "2.5"])
        #expect(RedisCommand("EXPIRE", "k", 60).arguments[2].bytes == bytes("60"))
        #expect(RedisArgument(-Double.infinity).description == "-inf")
    }

    @Test("a command shows only its name, never its arguments (which may be a password)")
    func description() {
        #expect(RedisCommand("auth", "alice", "s3cret").description == "AUTH")
    }
}
