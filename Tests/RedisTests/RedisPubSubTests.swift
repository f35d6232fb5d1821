import Dispatch
import EventLoop
import Redis
import SystemCalls
import TestSupport
import Testing

@Suite("Pub/sub between two connections", .ownThread, .timeLimit(.minutes(2)))
struct RedisPubSubTests {
    @Test(
        "channels and patterns, subscribed and unsubscribed",
        arguments: [RedisConfiguration.ProtocolVersion.resp2, .resp3]
    )
    func channelsAndPatterns(_ version: RedisConfiguration.ProtocolVersion) async throws {
        try await withRedis { server, loop in
            var configuration = testConfiguration()
            configuration.protocolVersion = version
            let events = Inbox<RedisSubscriberEvent>()
            let subscriber = try await RedisSubscriber.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            ) {
                events.put($0)
            }
            let publisher = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            try await subscriber.subscribe("news", "sport")
            try await subscriber.psubscribe("weather.*")
            // PUBLISH answers how many subscriptions received the message.
            #expect(try await publisher.send("PUBLISH", "news", "hello") == .integer(1))
            #expect(
                try await publisher.send(
                    "PUBLISH",
                    "weather.paris",
                    RedisArgument(bytes: [0, 255, 13, 10])
                ) == .integer(1)
            )
            #expect(try await publisher.send("PUBLISH", "elsewhere", "unheard") == .integer(0))
            #expect(
                try events.next().message
                    == RedisPubSubMessage(channel: "news", payload: Array("hello".utf8))
            )
            #expect(
                try events.next().message
                    == RedisPubSubMessage(
                        channel: "weather.paris",
                        pattern: "weather.*",
                        payload: [0, 255, 13, 10]
                    )
            )

            try await subscriber.unsubscribe("news")
            #expect(try await publisher.send("PUBLISH", "news", "gone") == .integer(0))
            #expect(try await publisher.send("PUBLISH", "sport", "goal") == .integer(1))
            #expect(try events.next().message?.text == "goal")
            try await subscriber.punsubscribe()
            try await subscriber.unsubscribe()
            #expect(try await publisher.send("PUBSUB", "NUMPAT") == .integer(0))
            #expect(try await publisher.send("PUBLISH", "sport", "nobody") == .integer(0))
            // Unsubscribing from nothing is confirmed at once.
            try await subscriber.unsubscribe()
            await subscriber.close()
            await publisher.close()
            #expect(events.all.isEmpty)
        }
    }

    @Test(
        "a flood to a slow handler: at most maximumRepliesPerTurn messages per turn, all in order"
    )
    func floodToSlowHandler() async throws {
        try await withRedis { server, loop in
            var configuration = testConfiguration()
            configuration.maximumRepliesPerTurn = 50
            let deliveredBeforeOtherWork = Inbox<Int>()
            let received = Inbox<Int>()
            let count = LoopBound(handingOver: Counter(), to: loop)
            let subscriber = try await RedisSubscriber.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            ) { event in
                guard let message = event.message else { return }
                let counter = count.value
                counter.value += 1
                // Slow: each message costs the loop 20 µs of work.
                let until = ContinuousClock.now + .microseconds(20)
                while ContinuousClock.now < until {}
                if counter.value == 1 {
                    // Work queued on the loop by anyone else must run within the next turn.
                    loop.execute { deliveredBeforeOtherWork.put(count.value.value) }
                }
                received.put(Int(message.text) ?? -1)
            }
            try await subscriber.subscribe("flood")
            // Another loop publishes, so that this one only receives.
            let other = try EventLoop(name: "publisher")
            defer { try? other.shutdown() }
            let publisher = try await RedisConnection.connect(
                to: server.address,
                configuration: testConfiguration(),
                on: other
            )
            let results = await publisher.pipeline(
                (0..<5000).map { RedisCommand("PUBLISH", "flood", RedisArgument($0)) }
            )
            #expect(results.allSatisfy { (try? $0.get()) == .integer(1) })
            var order: [Int] = []
            for _ in 0..<5000 {
                order.append(try received.next(within: .seconds(30), "flooded messages"))
            }
            #expect(order == Array(0..<5000))
            let turn = try deliveredBeforeOtherWork.next()
            #expect(turn <= 50, "other work waited for \(turn) messages")
            await subscriber.close()
            await publisher.close()
        }
    }
}

/// A number that lives on a loop.
final class Counter {
    var value = 0
}

@Suite("Pub/sub past Redis's own output limit", .ownThread, .timeLimit(.minutes(2)))
struct RedisOutputLimitTests {
    @Test(
        "a handler that stalls its loop: Redis drops the subscriber past its limit, which resubscribes"
    )
    func stalledSubscriber() async throws {
        try await withRedis { server, loop in
            var configuration = testConfiguration()
            configuration.reconnectBackoff.initialDelay = .milliseconds(20)
            let admin = try await RedisConnection.connect(
                to: server.address,
                configuration: configuration,
                on: loop
            )
            // Redis's default is 32 MiB (8 MiB for 60 s); a small one makes the test quick.
            try await admin.send("CONFIG", "SET", "client-output-buffer-limit", "pubsub 256kb 0 0")
            let stalled = DispatchSemaphore(value: 0)
            let events = Inbox<RedisSubscriberEvent>()
            let subscriberLoop = try EventLoop(name: "stalled")
            defer { try? subscriberLoop.shutdown() }
            let messages = Locked(0)
            let subscriber = try await RedisSubscriber.connect(
                to: server.address,
                configuration: configuration,
                on: subscriberLoop
            ) { event in
                if event.message != nil {
                    let count = messages.withLock { count in
                        count += 1
                        return count
                    }
                    // The first message stalls the loop until the test lets it go.
                    if count == 1 { _ = stalled.wait(timeout: .now() + .seconds(30)) }
                }
                events.put(event)
            }
            try await subscriber.subscribe("firehose")
            let payload = RedisArgument(bytes: Array(repeating: 46, count: 1024))
            let flood = (0..<20_000).map { _ in RedisCommand("PUBLISH", "firehose", payload) }
            let results = await admin.pipeline(flood)
            #expect(results.allSatisfy { (try? $0.get()) != nil })
            stalled.signal()
            // What the kernel held is delivered; then the drop, the reconnect, the resubscribe.
            let dropped = try events.next(within: .seconds(30), "the drop") {
                if case .disconnected = $0 { return true }
                return false
            }
            #expect("\(dropped)".contains("closed"))
            let delivered = messages.withLock { $0 }
            #expect(try events.next(within: .seconds(30), "resubscribed") == .resubscribed)
            #expect(try await admin.send("PUBLISH", "firehose", "after") == .integer(1))
            let after = try events.next(within: .seconds(10), "the next message") {
                $0.message != nil
            }
            #expect(after.message?.text == "after")
            // Pub/sub is at most once: what Redis dropped is gone.
            #expect(delivered < 20_000)
            await subscriber.close()
            await admin.close()
        }
    }
}
