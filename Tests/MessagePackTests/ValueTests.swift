import MessagePack
import Testing

@Suite("MessagePackValue: literals, accessors, equality by the spec's types")
struct ValueTests {
    @Test("literals make the cases")
    func literals() {
        let value: MessagePackValue = [nil, true, 7, 1.5, "s", [1], ["k": "v"]]
        #expect(
            value
                == .array([
                    .nil, .bool(true), .int(7), .float64(1.5), .string("s"), .array([.int(1)]),
                    .map(MessagePackMap([.init(key: .string("k"), value: .string("v"))])),
                ])
        )
    }

    @Test("integers are equal across .int and .uint, and hash alike")
    func integerEquality() {
        #expect(MessagePackValue.int(5) == .uint(5))
        #expect(MessagePackValue.int(5).hashValue == MessagePackValue.uint(5).hashValue)
        #expect(MessagePackValue.int(-1) != .uint(UInt64.max))
        #expect(MessagePackValue.uint(1 << 63) != .int(.min))
        #expect(Set<MessagePackValue>([.int(5), .uint(5), .int(6)]).count == 2)
    }

    @Test("floats are equal across precisions; an integer never equals a float")
    func floatEquality() {
        #expect(MessagePackValue.float32(0.5) == .float64(0.5))
        #expect(MessagePackValue.float32(0.5).hashValue == MessagePackValue.float64(0.5).hashValue)
        #expect(MessagePackValue.int(1) != .float64(1))
        #expect(MessagePackValue.float64(.nan) != .float64(.nan))
        #expect(MessagePackValue.float64(0) == .float64(-0.0))
    }

    @Test("maps are equal with the same entries in the same order")
    func mapEquality() {
        let ab: MessagePackValue = ["a": 1, "b": 2]
        let ba: MessagePackValue = ["b": 2, "a": 1]
        #expect(ab != ba)
        #expect(ab == ["a": 1, "b": 2])
        #expect(MessagePackValue.binary([1]) != .extension(type: 0, data: [1]))
        #expect(MessagePackValue.extension(type: 1, data: [1]) != .extension(type: 2, data: [1]))
    }

    @Test("accessors read a path, and give nil for the wrong shape")
    func accessors() {
        let packet: MessagePackValue = [
            "type": 2, "data": ["hi", .binary([1, 2]), .uint(UInt64.max), 2.5, .float32(1)],
        ]
        #expect(packet["type"]?.intValue == 2)
        #expect(packet["data"]?[0]?.stringValue == "hi")
        #expect(packet["data"]?[1]?.binaryValue == [1, 2])
        #expect(packet["data"]?[2]?.uint64Value == .max)
        #expect(packet["data"]?[2]?.int64Value == nil)
        #expect(packet["data"]?[3]?.doubleValue == 2.5)
        #expect(packet["data"]?[3]?.intValue == nil)
        #expect(packet["data"]?[4]?.doubleValue == 1)
        #expect(packet["data"]?[5] == nil)
        #expect(packet["missing"] == nil)
        #expect(packet[0] == nil)
        #expect(packet["data"]?.arrayValue?.count == 5)
        #expect(packet.mapValue?.keys == ["type", "data"])
        #expect(MessagePackValue.int(-1).uint64Value == nil)
        #expect(MessagePackValue.nil.isNil)
        #expect(MessagePackValue.bool(false).boolValue == false)
        #expect(MessagePackValue.extension(type: 3, data: [9]).extensionValue?.type == 3)
        #expect(MessagePackValue.string("x").isNil == false)
    }

    @Test("a map's subscript: the last of repeated keys; setting keeps one, in the first place")
    func mapSubscript() {
        var map: MessagePackMap = ["a": 1, "b": 2, "a": 3]
        #expect(map["a"] == 3)
        map["a"] = 4
        #expect(map.keys == ["a", "b"])
        #expect(map["a"] == 4)
        map["c"] = 5
        #expect(map.keys == ["a", "b", "c"])
        map["a"] = nil
        #expect(map.keys == ["b", "c"])
        map.append(key: "b", value: 6)
        #expect(map.count == 3)
        #expect(map["b"] == 6)
        map.setValue(true, forKey: 1)
        #expect(map.value(forKey: 1) == true)
        #expect(!map.isEmpty)
    }

    @Test("descriptions read like JSON, with bytes in hex")
    func descriptions() {
        let value: MessagePackValue = [
            "a": [1, -2, 1.5, .float32(0.5), nil, true],
            "b": .binary([1, 0xff]),
            "c": .extension(type: 0, data: [0]),
            "d": .uint(UInt64.max),
        ]
        #expect(
            value.description
                == #"{"a": [1, -2, 1.5, 0.5f, nil, true], "b": bin(2: 01 ff), "c": ext(0, 1: 00), "d": 18446744073709551615}"#
        )
        #expect(MessagePackValue.binary([]).description == "bin(0)")
        #expect(MessagePackValue.binary(counting(17)).description.hasSuffix("0f …)"))
    }

    @Test("the format table: every first byte names its format, and back")
    func formats() {
        for byte in UInt8.min...UInt8.max {
            let format = MessagePackFormat(firstByte: byte)
            #expect(MessagePackFormat(firstByte: format.firstByte) == format)
        }
        #expect(MessagePackFormat(firstByte: 0xc1) == .neverUsed)
        #expect(MessagePackFormat(firstByte: 0xd9).description == "str 8")
        #expect(MessagePackFormat(firstByte: 0xe5) == .negativeFixint)
        #expect(MessagePackFormat.map32.firstByte == 0xdf)
    }
}
