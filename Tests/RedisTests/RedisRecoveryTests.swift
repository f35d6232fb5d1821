import EventLoop
import Redis
import TestSupport
import Testing

@Suite(
    "When Redis fails: killed, paused, gone, or too generous",
    .ownThread,
    .timeLimit(.minutes(2))
)
struct RedisRecoveryTests {
    @Test(
        "Redis killed and restarted: in-flight requests fail clearly, the client reconnects, pub/sub resubscribes"
    )
    func killedAndRestarted() async throws {
        try await withRedis { server, loop in
            var configuration = testConfiguration()
            configuration.reconnectBackoff.initialDelay = .milliseconds(20)
            configuration.reconnectBackoff.maximumDelay = .milliseconds(200)
            let redis = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            let events = Inbox<RedisSubscriberEvent>()
            let subscriber = try await RedisSubscriber.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            ) {
                events.put($0)
            }
            try await subscriber.subscribe("alive")
            try await subscriber.psubscribe("alive.*")

            // A request in flight when Redis dies: BLPOP blocks on the server for 60 s.
            let inFlight = Inbox<Result<RESPValue, RedisError>>()
            redis.send(RedisCommand("BLPOP", "never", 60), timeout: .seconds(90)) {
                inFlight.put($0)
            }
            let observer = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            var isBlocked = false
            for _ in 0..<500 where !isBlocked {  // nothing announces it: ask, at most 500 times
                isBlocked =
                    try await observer.send("INFO", "clients").string?.contains("blocked_clients:1")
                    == true
            }
            #expect(isBlocked, "the BLPOP never reached the server")
            server.kill()

            let failed = try inFlight.next(within: .seconds(10), "the BLPOP's failure")
            guard case .failure(.connectionLost(let command, let reason)) = failed else {
                Issue.record("expected connectionLost, got \(failed)")
                return
            }
            #expect(command == "BLPOP")
            #expect(reason.contains("closed") || reason.contains("reset"), "\(reason)")
            let dropped = try events.next(within: .seconds(10), "the subscriber's disconnection")
            guard case .disconnected = dropped else {
                Issue.record("expected disconnected, got \(dropped)")
                return
            }

            // A request made while Redis is down waits for it (the default).
            let waiting = Inbox<Result<RESPValue, RedisError>>()
            redis.send(RedisCommand("SET", "after", "restart")) { waiting.put($0) }
            try server.restart()
            #expect(
                try waiting.next(within: .seconds(20), "the waiting SET").get()
                    == .simpleString("OK")
            )
            #expect(try await redis.send("GET", "after").string == "restart")

            #expect(try events.next(within: .seconds(20), "resubscribed") == .resubscribed)
            #expect(try await redis.send("PUBLISH", "alive", "again") == .integer(1))
            #expect(try await redis.send("PUBLISH", "alive.too", "yes") == .integer(1))
            #expect(try events.next().message?.text == "again")
            #expect(
                try events.next().message
                    == RedisPubSubMessage(
                        channel: "alive.too",
                        pattern: "alive.*",
                        payload: Array("yes".utf8)
                    )
            )
            await subscriber.close()
            await redis.close()
        }
    }

    @Test(
        "a server paused by DEBUG SLEEP: the request times out, the one behind it fails, the client recovers"
    )
    func requestTimeout() async throws {
        try await withRedis { server, loop in
            var configuration = testConfiguration()
            configuration.requestTimeout = .milliseconds(300)
            configuration.reconnectBackoff.initialDelay = .milliseconds(20)
            let redis = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            let replies = Inbox<Result<RESPValue, RedisError>>()
            let start = ContinuousClock.now
            redis.send(RedisCommand("DEBUG", "SLEEP", "2")) { replies.put($0) }
            redis.send(RedisCommand("PING")) { replies.put($0) }
            let slept = try replies.next(within: .seconds(10), "the DEBUG SLEEP's timeout")
            let elapsed = ContinuousClock.now - start
            #expect(slept == .failure(.timedOut(command: "DEBUG", after: .milliseconds(300))))
            #expect(elapsed < .milliseconds(1800), "the timeout fired after \(elapsed)")
            let behind = try replies.next(within: .seconds(10), "the PING's failure")
            guard case .failure(.connectionLost(let command, let reason)) = behind else {
                Issue.record("expected connectionLost, got \(behind)")
                return
            }
            #expect(command == "PING")
            #expect(reason.contains("DEBUG got no reply within"))
            // Once the server wakes up, the reconnected client works (give it the time).
            #expect(
                try await redis.send(RedisCommand("PING"), timeout: .seconds(20))
                    == .simpleString("PONG")
            )
            await redis.close()
        }
    }

    @Test("while disconnected: wait, bounded in count and time; or fail at once")
    func whileDisconnected() async throws {
        try await withRedis { server, loop in
            var configuration = testConfiguration()
            configuration.requestTimeout = .milliseconds(500)
            configuration.reconnectBackoff.initialDelay = .seconds(60)  // stay down
            configuration.whileDisconnected = .wait(maximumRequests: 2)
            let waiting = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            configuration.whileDisconnected = .fail
            let failing = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            #expect(waiting.isConnected && failing.isConnected)
            server.kill()
            // Each learns of the drop when the kernel reports the closed socket.
            let noticed = waitUntil(within: .seconds(10)) {
                !waiting.isConnected && !failing.isConnected
            }
            #expect(noticed)
            let refused = await #expect(throws: RedisError.self) { try await failing.send("PING") }
            guard case .notConnected(let reason) = refused else {
                Issue.record("expected notConnected, got \(String(describing: refused))")
                return
            }
            #expect(reason.contains("closed") || reason.contains("reset"), "\(reason)")

            let replies = Inbox<Result<RESPValue, RedisError>>()
            for _ in 0..<3 { waiting.send(RedisCommand("PING")) { replies.put($0) } }
            #expect(try replies.next() == .failure(.tooManyWaitingRequests(limit: 2)))
            #expect(
                try replies.next()
                    == .failure(.timedOut(command: "PING", after: .milliseconds(500)))
            )
            #expect(
                try replies.next()
                    == .failure(.timedOut(command: "PING", after: .milliseconds(500)))
            )
            await waiting.close()
            await failing.close()
        }
    }

    @Test(
        "a reply larger than the limit fails its request with what and where; the client reconnects"
    )
    func replyLimit() async throws {
        try await withRedis { server, loop in
            var configuration = testConfiguration()
            configuration.parserLimits.maximumBulkLength = 1024 * 1024
            configuration.parserLimits.maximumAggregateLength = 1000
            configuration.reconnectBackoff.initialDelay = .milliseconds(20)
            let redis = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            try await redis.send(
                "SET",
                "big",
                RedisArgument(bytes: Array(repeating: 120, count: 2 * 1024 * 1024))
            )
            // Offsets count from the connection's first byte: SET's `+OK\r\n` came first.
            await #expect(
                throws: RedisError.protocolError(
                    .bulkTooLong(.bulkString, length: 2_097_152, limit: 1_048_576, offset: 5)
                )
            ) {
                try await redis.send("GET", "big")
            }
            #expect(try await redis.send("STRLEN", "big") == .integer(2_097_152))
            for start in stride(from: 0, to: 1001, by: 100) {
                try await redis.send(
                    RedisCommand(
                        [RedisArgument("RPUSH"), "list"]
                            + (start..<min(start + 100, 1001)).map { RedisArgument($0) }
                    )
                )
            }
            // On the new connection: `:2097152\r\n` (10 bytes), nine `:N00\r\n` (6 each), then
            // `:1000\r\n` and `:1001\r\n` (7 each): the LRANGE reply starts at byte 78.
            await #expect(
                throws: RedisError.protocolError(
                    .aggregateTooLong(.array, count: 1001, limit: 1000, offset: 78)
                )
            ) {
                try await redis.send("LRANGE", "list", 0, -1)
            }
            #expect(try await redis.send("LRANGE", "list", 0, 999).elements?.count == 1000)
            await redis.close()
        }
    }
}
