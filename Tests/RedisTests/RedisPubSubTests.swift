import EventLoop
import Redis
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
