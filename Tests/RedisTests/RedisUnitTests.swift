import Testing

@testable import Redis

@Suite("Backoff, handshake and pub/sub replies, without a server")
struct RedisUnitTests {
    @Test("backoff doubles from 100 ms up to 5 s, less up to half of it at random")
    func backoff() {
        let backoff = ReconnectBackoff()
        #expect(backoff.delay(forAttempt: 1, random: 0) == .milliseconds(100))
        #expect(backoff.delay(forAttempt: 1, random: 0.999_999) == .nanoseconds(50_000_050))
        #expect(backoff.delay(forAttempt: 2, random: 0) == .milliseconds(200))
        #expect(backoff.delay(forAttempt: 5, random: 0) == .milliseconds(1600))
        #expect(backoff.delay(forAttempt: 7, random: 0) == .seconds(5))
        #expect(backoff.delay(forAttempt: 1000, random: 0.5) == .milliseconds(3750))
        var fixed = ReconnectBackoff()
        fixed.jitter = 0
        #expect(fixed.delay(forAttempt: 3, random: 0.7) == .milliseconds(400))
    }

    @Test("the handshake: nothing by default; AUTH, CLIENT SETNAME, SELECT; or one HELLO")
    func handshake() {
        #expect(RedisHandshake.commands(for: RedisConfiguration(), selectsDatabase: true).isEmpty)
        var configuration = RedisConfiguration()
        configuration.password = "pw"
        configuration.clientName = "node-1"
        configuration.database = 2
        #expect(
            RedisHandshake.commands(for: configuration, selectsDatabase: true)
                == [
                    RedisCommand("AUTH", "pw"), RedisCommand("CLIENT", "SETNAME", "node-1"),
                    RedisCommand("SELECT", "2"),
                ]
        )
        configuration.username = "alice"
        configuration.protocolVersion = .resp3
        #expect(
            RedisHandshake.commands(for: configuration, selectsDatabase: false)
                == [RedisCommand("HELLO", "3", "AUTH", "alice", "pw", "SETNAME", "node-1")]
        )
    }

    @Test("pub/sub replies in RESP2 arrays and RESP3 pushes")
    func pubSubReplies() {
        let message: [RESPValue] = [
            .bulkString(Array("message".utf8)), .bulkString(Array("ch".utf8)), .bulkString([1, 2]),
        ]
        #expect(
            PubSubReply(.array(message))
                == .message(RedisPubSubMessage(channel: "ch", payload: [1, 2]))
        )
        #expect(
            PubSubReply(.push(message))
                == .message(RedisPubSubMessage(channel: "ch", payload: [1, 2]))
        )
        let confirmation: [RESPValue] = [
            .bulkString(Array("unsubscribe".utf8)), .nullBulkString, .integer(0),
        ]
        #expect(
            PubSubReply(.push(confirmation)) == .confirmation(.unsubscribe, name: nil, count: 0)
        )
        #expect(PubSubReply(.simpleString("OK")) == nil)
        #expect(PubSubReply(.array([.bulkString(Array("message".utf8))])) == nil)
    }

    @Test("the request queue keeps order through appends, removals and compaction")
    func requestQueue() {
        var queue = RequestQueue<Int>()
        for number in 0..<5000 { queue.append(number) }
        var popped: [Int] = []
        for _ in 0..<3000 { popped.append(queue.popFirst() ?? -1) }
        #expect(popped == Array(0..<3000))
        #expect(queue.remove { $0 == 4000 } == 4000)
        queue.append(5000)
        #expect(queue.count == 2000)
        #expect(queue.removeAll() == Array(3000..<4000) + Array(4001...5000))
        #expect(queue.isEmpty)
    }
}
