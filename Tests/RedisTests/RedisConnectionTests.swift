import EventLoop
import Redis
import Sockets
import TestSupport
import Testing

@Suite("RedisConnection against a real redis-server", .ownThread, .timeLimit(.minutes(2)))
struct RedisConnectionTests {
    @Test("SET, GET, INCR, DEL and a missing key's nil")
    func basics() async throws {
        try await withRedis { server, loop in
            let redis = try await RedisConnection.connect(
                to: server.address,
                configuration: testConfiguration(),
                on: loop
            )
            #expect(try await redis.send("SET", "greeting", "hello") == .simpleString("OK"))
            #expect(try await redis.send("GET", "greeting").string == "hello")
            #expect(try await redis.send("INCR", "counter") == .integer(1))
            #expect(try await redis.send("INCRBY", "counter", 41) == .integer(42))
            #expect(try await redis.send("DEL", "greeting", "counter") == .integer(2))
            let missing = try await redis.send("GET", "greeting")
            #expect(missing == .nullBulkString)
            #expect(missing.isNull)
            #expect(try await redis.send("LRANGE", "nothing", 0, -1) == .array([]))
            await redis.close()
        }
    }

    @Test("values and keys hold every byte value, and 4 MiB values arrive whole")
    func binaryValues() async throws {
        try await withRedis { server, loop in
            let redis = try await RedisConnection.connect(
                to: server.address,
                configuration: testConfiguration(),
                on: loop
            )
            let every = (0...255).map { UInt8($0) }
            let key = RedisArgument(bytes: [0, 13, 10, 255] + Array("key".utf8))
            try await redis.send("SET", key, RedisArgument(bytes: every))
            #expect(try await redis.send("GET", key) == .bulkString(every))
            #expect(try await redis.send("STRLEN", key) == .integer(256))
            var random = SeededGenerator(state: 42)
            let big = (0..<(4 * 1024 * 1024)).map { _ in UInt8.random(in: 0...255, using: &random) }
            try await redis.send("SET", "big", RedisArgument(bytes: big))
            #expect(try await redis.send("GET", "big").bytes == big)
            await redis.close()
        }
    }

    @Test("10,000 pipelined INCRs come back in order, one round trip for the lot")
    func pipelining() async throws {
        try await withRedis { server, loop in
            let redis = try await RedisConnection.connect(
                to: server.address,
                configuration: testConfiguration(),
                on: loop
            )
            let results = await redis.pipeline(
                Array(repeating: RedisCommand("INCR", "n"), count: 10_000)
            )
            let numbers = results.map { try? $0.get().integer }
            #expect(numbers == (1...10_000).map { Int64($0) })
            // The callback form, from this one thread: sent, and answered, in call order.
            let inbox = Inbox<Int64>()
            for _ in 0..<10_000 {
                redis.send(RedisCommand("INCR", "n")) { inbox.put((try? $0.get().integer) ?? -1) }
            }
            var received: [Int64] = []
            for _ in 0..<10_000 {
                received.append(try inbox.next(within: .seconds(30), "INCR replies"))
            }
            #expect(received == (10_001...20_000).map { Int64($0) })
            await redis.close()
        }
    }

    @Test("error replies are typed errors, and the connection carries on")
    func errorReplies() async throws {
        try await withRedis { server, loop in
            let redis = try await RedisConnection.connect(
                to: server.address,
                configuration: testConfiguration(),
                on: loop
            )
            try await redis.send("SET", "text", "abc")
            let wrongType = await #expect(throws: RedisError.self) {
                try await redis.send("LPUSH", "text", "x")
            }
            guard case .server(let error) = wrongType else {
                Issue.record("expected a server error, got \(String(describing: wrongType))")
                return
            }
            #expect(error.code == "WRONGTYPE")
            await #expect(
                throws: RedisError.server(
                    RedisServerError(message: "ERR value is not an integer or out of range")
                )
            ) {
                try await redis.send("INCR", "text")
            }
            let unknown = await #expect(throws: RedisError.self) {
                try await redis.send("NOSUCHCOMMAND")
            }
            #expect("\(String(describing: unknown))".contains("unknown command"))
            // An error inside a transaction's reply is a value, not a failure of EXEC.
            try await redis.send("MULTI")
            try await redis.send("INCR", "text")
            try await redis.send("SET", "other", "1")
            let exec = try await redis.send("EXEC")
            #expect(exec.elements?.first?.error?.code == "ERR")
            #expect(exec.elements?.last == .simpleString("OK"))
            #expect(try await redis.send("GET", "text").string == "abc")
            await #expect(
                throws: RedisError.unsupportedCommand(
                    "SUBSCRIBE",
                    reason: "pub/sub needs a connection of its own: use RedisSubscriber"
                )
            ) {
                try await redis.send("SUBSCRIBE", "news")
            }
            await redis.close()
            await #expect(throws: RedisError.closed) { try await redis.send("PING") }
        }
    }

    @Test("SELECT on connect, and again after the connection was killed")
    func selectDatabase() async throws {
        try await withRedis { server, loop in
            var configuration = testConfiguration()
            configuration.database = 3
            configuration.clientName = "db-three"
            let three = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            let zero = try await RedisConnection.connect(
                to: server.address,
                configuration: testConfiguration(),
                on: loop
            )
            try await three.send("SET", "where", "three")
            #expect(try await zero.send("GET", "where") == .nullBulkString)
            #expect(try await zero.send("SELECT", 3) == .simpleString("OK"))
            #expect(try await zero.send("GET", "where").string == "three")
            // Kill the first connection from the server's side; it reconnects, selects 3.
            #expect(
                try await zero.send("CLIENT", "KILL", "SKIPME", "yes", "TYPE", "normal").integer
                    == 1
            )
            let afterKill = await three.sendAllowingFailure(RedisCommand("GET", "where"))
            #expect(afterKill == .bulkString(Array("three".utf8)) || afterKill == nil)
            #expect(try await three.send("GET", "where").string == "three")
            #expect(try await three.send("CLIENT", "GETNAME").string == "db-three")
            await three.close()
            await zero.close()
        }
    }

    @Test("a refused port and a wrong password fail the first connect, clearly")
    func connectFailures() async throws {
        let loop = try EventLoop(name: "redis-test")
        defer { try? loop.shutdown() }
        let port = try closedPort(on: "127.0.0.1")
        let refused = await #expect(throws: RedisError.self) {
            try await RedisConnection.connect(to: port.address, on: loop)
        }
        guard case .cannotConnect(_, let reason) = refused else {
            Issue.record("expected cannotConnect, got \(String(describing: refused))")
            return
        }
        #expect(reason.contains("refused"))
    }
}

extension RedisConnection {
    /// The reply, or `nil` for an error: for a request whose fate is allowed to vary.
    func sendAllowingFailure(_ command: RedisCommand) async -> RESPValue? {
        try? await send(command)
    }
}
