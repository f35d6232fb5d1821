import MessagePack
import Testing

@Suite("Round trips: what we encode decodes to the same value")
struct RoundTripTests {
    @Test(
        "random values of every kind, nested",
        arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64]
    )
    func randomValues(seed: UInt64) throws {
        var generator = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let value = MessagePackValue.random(depth: 3, using: &generator)
            let encoded = value.encoded()
            let decoded = try decode(encoded)
            if value.containsNaN {
                #expect(decoded.encoded() == encoded, "seed \(seed): \(value)")
            } else {
                #expect(decoded == value, "seed \(seed): \(value)")
            }
        }
    }

    @Test("a NaN keeps its bits, payload included")
    func nanBits() throws {
        let quiet = Double(bitPattern: 0x7ff8_0000_0000_0001)
        let decoded = try decode(MessagePackValue.float64(quiet).encoded())
        guard case .float64(let value) = decoded else {
            Issue.record("expected a float 64, got \(decoded)")
            return
        }
        #expect(value.bitPattern == quiet.bitPattern)
    }

    @Test("write(to:) appends after what is there")
    func append() {
        var message: [UInt8] = [0x04]
        MessagePackValue.array(["hi", 1]).write(to: &message)
        #expect(hex(message) == "0492a2686901")
    }

    @Test("a Socket.IO-like event, the one msgpack-bench measures")
    func event() throws {
        let event: MessagePackValue = [
            "type": 2, "nsp": "/chat",
            "data": [
                "message",
                [
                    "user": "alice", "text": "Hello, world! 👋", "time": .int(1_700_000_000_000),
                    "score": 98.5, "tags": ["greeting", "first"], "attachment": .binary([1, 2, 3]),
                    "reply": nil, "read": false,
                ],
            ],
            "id": 12,
        ]
        let encoded = event.encoded()
        #expect(try decode(encoded) == event)
        #expect(try decode(encoded)["data"]?[1]?["time"]?.int64Value == 1_700_000_000_000)
    }
}
