import Redis
import TestSupport
import Testing

@Suite("RESP3 types from real commands", .ownThread, .timeLimit(.minutes(2)))
struct RedisRESP3Tests {
    @Test("HELLO 3, maps, sets, doubles, nulls and booleans as Redis sends them")
    func types() async throws {
        try await withRedis { server, loop in
            var configuration = testConfiguration()
            configuration.protocolVersion = .resp3
            let redis = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            let hello = try await redis.send("HELLO", "3")
            guard case .map(let entries) = hello else {
                Issue.record("HELLO 3 answered \(hello)")
                return
            }
            #expect(
                entries.contains(
                    RESPMapEntry(key: .bulkString(Array("proto".utf8)), value: .integer(3))
                )
            )
            try await redis.send("HSET", "h", "field", "value")
            #expect(
                try await redis.send("HGETALL", "h")
                    == .map([
                        RESPMapEntry(
                            key: .bulkString(Array("field".utf8)),
                            value: .bulkString(Array("value".utf8))
                        )
                    ])
            )
            try await redis.send("SADD", "s", "only")
            #expect(
                try await redis.send("SMEMBERS", "s") == .set([.bulkString(Array("only".utf8))])
            )
            try await redis.send("ZADD", "z", "1.5", "member")
            #expect(try await redis.send("ZSCORE", "z", "member") == .double(1.5))
            #expect(try await redis.send("GET", "missing") == .null)
            // DEBUG PROTOCOL answers with one value of the named type.
            #expect(try await redis.send("DEBUG", "PROTOCOL", "true") == .boolean(true))
            #expect(try await redis.send("DEBUG", "PROTOCOL", "false") == .boolean(false))
            #expect(try await redis.send("DEBUG", "PROTOCOL", "null") == .null)
            #expect(try await redis.send("DEBUG", "PROTOCOL", "double") == .double(3.141))
            #expect(
                try await redis.send("DEBUG", "PROTOCOL", "bignum")
                    == .bigNumber("1234567999999999999999999999999999999")
            )
            #expect(
                try await redis.send("DEBUG", "PROTOCOL", "verbatim")
                    == .verbatimString(
                        format: "txt",
                        text: Array("This is a verbatim\nstring".utf8)
                    )
            )
            let attributed = try await redis.send("DEBUG", "PROTOCOL", "attrib")
            guard case .attribute(let attributes, let value) = attributed else {
                Issue.record("DEBUG PROTOCOL attrib answered \(attributed)")
                return
            }
            #expect(!attributes.isEmpty)
            #expect(value.string == "Some real reply following the attribute")
            #expect(attributed.withoutAttributes == value)
            await redis.close()
        }
    }

    @Test("CLIENT TRACKING sends invalidations as pushes, which never pass for replies")
    func trackingPushes() async throws {
        try await withRedis { server, loop in
            let pushes = Inbox<RESPValue>()
            var configuration = testConfiguration()
            configuration.protocolVersion = .resp3
            configuration.onPush = { pushes.put($0) }
            let tracked = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            let writer = try await RedisConnection.connect(
                to: server.address,
                configuration: testConfiguration(),
                on: loop
            )
            #expect(try await tracked.send("CLIENT", "TRACKING", "ON") == .simpleString("OK"))
            try await writer.send("SET", "watched", "1")
            #expect(try await tracked.send("GET", "watched").string == "1")
            try await writer.send("SET", "watched", "2")
            let push = try pushes.next(within: .seconds(10), "an invalidation")
            #expect(
                push
                    == .push([
                        .bulkString(Array("invalidate".utf8)),
                        .array([.bulkString(Array("watched".utf8))]),
                    ])
            )
            // Replies still match their requests after the push.
            #expect(try await tracked.send("GET", "watched").string == "2")
            #expect(try await tracked.send("CLIENT", "TRACKING", "OFF") == .simpleString("OK"))
            await tracked.close()
            await writer.close()
        }
    }
}
