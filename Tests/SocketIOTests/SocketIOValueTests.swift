import JSON
import SocketIO
import Testing

@Suite("SocketIOValue")
struct SocketIOValueTests {
    @Test("literals, accessors and subscripts")
    func literals() {
        let value: SocketIOValue = ["name": "cat", "ages": [1, 2.5], "ok": true, "none": nil]
        #expect(value["name"]?.stringValue == "cat")
        #expect(value["ages"]?[0]?.intValue == 1)
        #expect(value["ages"]?[1]?.doubleValue == 2.5)
        #expect(value["ages"]?[1]?.intValue == nil)
        #expect(value["ok"]?.boolValue == true)
        #expect(value["none"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value.objectValue?.keys == ["name", "ages", "ok", "none"])
        #expect(SocketIOValue.binary([1, 2]).binaryValue == [1, 2])
    }

    @Test("description is compact JSON, binary shown as <N bytes>")
    func description() {
        let value: SocketIOValue = [
            "photo", .binary(Array(repeating: 0, count: 2048)), ["a": [1, "é"]],
        ]
        #expect(value.description == #"["photo",<2048 bytes>,{"a":[1,"é"]}]"#)
    }

    @Test("objects keep their order; setting a key again keeps its place")
    func objectOrder() {
        var object: SocketIOObject = ["b": 1, "a": 2]
        object["b"] = 3
        object["c"] = 4
        object["a"] = nil
        #expect(object.keys == ["b", "c"])
        #expect(SocketIOValue.object(object).description == #"{"b":3,"c":4}"#)
        let xy: SocketIOObject = ["x": 1, "y": 2]
        let yx: SocketIOObject = ["y": 2, "x": 1]
        #expect(xy != yx)
    }

    @Test("the JSON bridge: in from JSONValue, out unless there is binary")
    func jsonBridge() throws {
        let json = try JSONValue(
            parsing: #"{"a":[1,2.5,"x",null,true],"b":{"_placeholder":true,"num":0}}"#
        )
        let value = SocketIOValue(json: json)
        #expect(value["b"]?["num"]?.intValue == 0)  // a placeholder outside a packet is an object
        #expect(value.jsonValue == json)
        #expect(SocketIOValue.array([1, .binary([1])]).jsonValue == nil)
        #expect(value.containsBinary == false)
        #expect(SocketIOValue.array([["x": [.binary([])]]]).containsBinary)
    }

    struct Upload: Codable, Equatable {
        var name: String
        var size: Int
        var content: SocketIOBinary
        var thumbnails: [SocketIOBinary]
        var tags: [String]?
    }

    @Test("Codable: SocketIOBinary properties become binary, and come back")
    func codable() throws {
        let upload = Upload(
            name: "cat.png",
            size: 3,
            content: SocketIOBinary([1, 2, 3]),
            thumbnails: [SocketIOBinary([4]), SocketIOBinary([5])],
            tags: nil
        )
        let value = try SocketIOValue(encoding: upload)
        #expect(
            value == [
                "name": "cat.png", "size": 3, "content": .binary([1, 2, 3]),
                "thumbnails": [.binary([4]), .binary([5])],
            ]
        )
        #expect(try value.decode(Upload.self) == upload)
        // Written as a packet: three attachments, numbered in order.
        let messages = SocketIOJSONParser().encode(.event("upload", [value]))
        #expect(messages.count == 4)
    }

    @Test("Codable: plain values, nested SocketIOValue, and a [UInt8] stays an array of numbers")
    func codablePlain() throws {
        struct Note: Codable, Equatable {
            var text: String
            var extra: SocketIOValue
            var raw: [UInt8]
        }
        let note = Note(text: "hi", extra: ["b": .binary([7])], raw: [1, 2])
        let value = try SocketIOValue(encoding: note)
        #expect(value == ["text": "hi", "extra": ["b": .binary([7])], "raw": [1, 2]])
        #expect(try value.decode(Note.self) == note)
        #expect(try SocketIOValue.string("x").decode(String.self) == "x")
        #expect(throws: DecodingError.self) {
            try SocketIOValue.string("x").decode(SocketIOBinary.self)
        }
    }
}
