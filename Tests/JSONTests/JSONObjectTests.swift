import JSON
import Testing

@Suite("JSONObject: keys in insertion order")
struct JSONObjectTests {
    @Test("parsed keys keep the order of the text, not any sorted or hashed order")
    func parsedOrder() throws {
        let keys = (0..<50).map { "key\(($0 * 37) % 50)" }
        let text = "{" + keys.map { "\"\($0)\":1" }.joined(separator: ",") + "}"
        let value = try JSONValue(parsing: text)
        #expect(value.objectValue?.keys == keys)
        #expect(value.description == text)
    }

    @Test(
        "a duplicate key: the last value wins, in the first key's position",
        arguments: [
            (#"{"a":1,"b":2,"a":3}"#, #"{"a":3,"b":2}"#),
            (#"{"a":1,"a":2,"a":3}"#, #"{"a":3}"#),
            (#"{"x":{"a":1},"x":[2]}"#, #"{"x":[2]}"#),
        ]
    )
    func duplicateKeys(text: String, expected: String) throws {
        #expect(try JSONValue(parsing: text).description == expected)
    }

    @Test("duplicates are found in large objects too, where lookups use an index")
    func duplicatesInLargeObjects() throws {
        let count = JSONObject.indexThreshold * 3
        let members = (0..<count).map { "\"k\($0)\":\($0)" } + ["\"k5\":\"again\""]
        let value = try JSONValue(parsing: "{" + members.joined(separator: ",") + "}")
        let object = try #require(value.objectValue)
        #expect(object.count == count)
        #expect(object["k5"] == "again")
        #expect(object.keys[5] == "k5")
        #expect(object["k\(count - 1)"] == .integer(count - 1))
    }

    @Test("setting an existing key replaces it in place; a new key goes last; nil removes")
    func mutation() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3]
        object["b"] = "two"
        object["d"] = 4
        object["a"] = nil
        #expect(object.keys == ["b", "c", "d"])
        #expect(object.values == ["two", 3, 4])
        #expect(object.updateValue(5, forKey: "d") == 4)
        #expect(object.removeValue(forKey: "zzz") == nil)
        #expect(JSONValue.object(object).description == #"{"b":"two","c":3,"d":5}"#)
    }

    @Test("removing from a large object keeps lookups right for the keys that moved")
    func removalFromLargeObject() {
        var object = JSONObject((0..<40).map { ("k\($0)", JSONValue.integer($0)) })
        for index in stride(from: 0, to: 40, by: 3) { object["k\(index)"] = nil }
        for index in 0..<40 {
            #expect(object["k\(index)"] == (index % 3 == 0 ? nil : .integer(index)))
        }
        #expect(object.count == 26)
    }

    @Test("a literal keeps its order; a repeated key keeps its first place and last value")
    func literals() {
        let object: JSONObject = ["z": 1, "a": 2, "z": 3]
        #expect(Array(object.map(\.key)) == ["z", "a"])
        #expect(object["z"] == 3)
    }

    @Test("equality counts order: the same members in another order are another value")
    func equalityCountsOrder() {
        let ab: JSONValue = ["a": 1, "b": 2]
        let ba: JSONValue = ["b": 2, "a": 1]
        #expect(ab != ba)
        #expect(ab == ["a": 1, "b": 2])
        #expect(Set([ab, ba, ab]).count == 2)
    }

    @Test("an integer and a double are different values, though equal numbers")
    func integersAndDoublesDiffer() {
        #expect(JSONValue.integer(1) != JSONValue.double(1))
        #expect(JSONValue.integer(1).doubleValue == JSONValue.double(1).doubleValue)
    }
}

@Suite("JSONValue: literals and accessors")
struct JSONValueAccessorTests {
    static let packet: JSONValue = [
        "sid": "abc", "upgrades": ["websocket"], "pingInterval": 25000, "ratio": 2.0,
        "ok": true, "none": nil,
    ]

    @Test("subscripts walk objects and arrays, and give nil off the path")
    func subscripts() {
        #expect(Self.packet["upgrades"]?[0] == "websocket")
        #expect(Self.packet["upgrades"]?[1] == nil)
        #expect(Self.packet["upgrades"]?[-1] == nil)
        #expect(Self.packet["missing"] == nil)
        #expect(Self.packet["sid"]?["x"] == nil)
        #expect(Self.packet[0] == nil)
    }

    @Test("typed accessors give the value when it is of their kind")
    func typedAccessors() {
        #expect(Self.packet["sid"]?.stringValue == "abc")
        #expect(Self.packet["pingInterval"]?.intValue == 25000)
        #expect(Self.packet["pingInterval"]?.doubleValue == 25000)
        #expect(Self.packet["ratio"]?.intValue == 2)
        #expect(JSONValue.double(2.5).intValue == nil)
        #expect(JSONValue.double(1e300).intValue == nil)
        #expect(Self.packet["ok"]?.boolValue == true)
        #expect(Self.packet["none"]?.isNull == true)
        #expect(Self.packet["sid"]?.intValue == nil)
        #expect(Self.packet["upgrades"]?.arrayValue?.count == 1)
        #expect(Self.packet.objectValue?.count == 6)
    }

    @Test("interpolated strings are string literals too")
    func interpolation() {
        let id = 7
        let value: JSONValue = ["name": "user \(id)"]
        #expect(value["name"] == "user 7")
    }
}
