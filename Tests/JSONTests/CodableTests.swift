import Foundation
import JSON
import Testing

private struct Handshake: Codable, Equatable {
    var sid: String
    var upgrades: [String]
    var pingInterval: Int
    var pingTimeout: Int
    var maxPayload: Int?
}

private enum Color: String, Codable { case red, green }
private enum Level: Int, Codable {
    case low = 1
    case high = 9
}

private enum Shape: Codable, Equatable {
    case circle(radius: Double)
    case square(side: Int)
    case empty
}

private struct Message: Codable, Equatable {
    struct Author: Codable, Equatable {
        var name: String
        var level: Level
    }
    var text: String
    var author: Author
    var color: Color
    var shapes: [Shape]
    var tags: Set<String>
    var counts: [String: Int]
    var reply: String?
    var extra: JSONValue
}

private struct Widths: Codable, Equatable {
    var int8: Int8, int16: Int16, int32: Int32, int64: Int64
    var uint: UInt, uint8: UInt8, uint16: UInt16, uint32: UInt32, uint64: UInt64
    var float: Float, double: Double
}

private class Animal: Codable {
    var name: String
    init(name: String) { self.name = name }
}

private final class Dog: Animal {
    var good: Bool
    init(name: String, good: Bool) {
        self.good = good
        super.init(name: name)
    }
    private enum CodingKeys: String, CodingKey { case good }
    required init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        good = try container.decode(Bool.self, forKey: .good)
        try super.init(from: container.superDecoder())
    }
    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(good, forKey: .good)
        try super.encode(to: container.superEncoder())
    }
}

/// Encodes through every container, nested, by hand.
private struct Matrix: Codable, Equatable {
    var rows: [[Int]]
    var label: String

    private enum CodingKeys: String, CodingKey { case meta, rows }
    private enum MetaKeys: String, CodingKey { case label }

    init(rows: [[Int]], label: String) {
        self.rows = rows
        self.label = label
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var meta = container.nestedContainer(keyedBy: MetaKeys.self, forKey: .meta)
        try meta.encode(label, forKey: .label)
        var rowsContainer = container.nestedUnkeyedContainer(forKey: .rows)
        for row in rows {
            var rowContainer = rowsContainer.nestedUnkeyedContainer()
            for cell in row { try rowContainer.encode(cell) }
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        label = try container.nestedContainer(keyedBy: MetaKeys.self, forKey: .meta)
            .decode(String.self, forKey: .label)
        var rowsContainer = try container.nestedUnkeyedContainer(forKey: .rows)
        rows = []
        while !rowsContainer.isAtEnd {
            var rowContainer = try rowsContainer.nestedUnkeyedContainer()
            var row: [Int] = []
            while !rowContainer.isAtEnd { row.append(try rowContainer.decode(Int.self)) }
            rows.append(row)
        }
    }
}

@Suite("Codable bridge: encoding into JSONValue")
struct EncodingTests {
    @Test("a struct's keys come out in declaration order; a nil optional is left out")
    func declarationOrder() throws {
        let handshake = Handshake(
            sid: "abc",
            upgrades: ["websocket"],
            pingInterval: 25000,
            pingTimeout: 20000,
            maxPayload: nil
        )
        let value = try JSONValue(encoding: handshake)
        #expect(
            value.description
                == #"{"sid":"abc","upgrades":["websocket"],"pingInterval":25000,"pingTimeout":20000}"#
        )
    }

    @Test("enums with raw values encode as their raw values; with payloads, as objects")
    func enums() throws {
        #expect(try JSONValue(encoding: Color.green) == "green")
        #expect(try JSONValue(encoding: Level.high) == 9)
        #expect(try JSONValue(encoding: Shape.circle(radius: 1.5)) == ["circle": ["radius": 1.5]])
        #expect(try JSONValue(encoding: Shape.empty) == ["empty": [:]])
    }

    @Test("every integer width encodes as an integer; Float keeps its short form")
    func widths() throws {
        let widths = Widths(
            int8: -128,
            int16: -32768,
            int32: .min,
            int64: .min,
            uint: 7,
            uint8: 255,
            uint16: .max,
            uint32: .max,
            uint64: UInt64(Int.max),
            float: 0.1,
            double: 0.1
        )
        let value = try JSONValue(encoding: widths)
        #expect(value["int8"] == -128)
        #expect(value["int64"] == .integer(.min))
        #expect(value["uint32"] == .integer(Int(UInt32.max)))
        #expect(value["uint64"] == .integer(.max))
        #expect(value["float"] == 0.1)
        #expect(try value.decode(Widths.self) == widths)
    }

    @Test("a UInt64 beyond Int.max is an EncodingError with its path, not a rounded double")
    func uint64TooLarge() throws {
        struct Big: Encodable { var values: [UInt64] }
        let error = #expect(throws: EncodingError.self) {
            try JSONValue(encoding: Big(values: [1, .max]))
        }
        guard case .invalidValue(_, let context) = error else { return }
        #expect(context.codingPath.map(\.stringValue) == ["values", "Index 1"])
    }

    @Test("[UInt8] and Data are arrays of numbers")
    func bytes() throws {
        #expect(try JSONValue(encoding: [UInt8]([104, 105])) == [104, 105])
        #expect(try JSONValue(encoding: Data([104, 105])) == [104, 105])
        #expect(try JSONValue(encoding: Data([104, 105])).decode(Data.self) == Data([104, 105]))
    }

    @Test("a subclass with a super encoder writes its parent under \"super\"")
    func superEncoder() throws {
        let value = try JSONValue(encoding: Dog(name: "Rex", good: true))
        #expect(value == ["good": true, "super": ["name": "Rex"]])
        let dog = try value.decode(Dog.self)
        #expect(dog.name == "Rex" && dog.good)
    }

    @Test("nested keyed and unkeyed containers, by hand, both ways")
    func nestedContainers() throws {
        let matrix = Matrix(rows: [[1, 2], [], [3]], label: "m")
        let value = try JSONValue(encoding: matrix)
        #expect(value.description == #"{"meta":{"label":"m"},"rows":[[1,2],[],[3]]}"#)
        #expect(try value.decode(Matrix.self) == matrix)
    }

    @Test("a JSONValue inside a struct is taken as it is")
    func embeddedValue() throws {
        struct Packet: Codable {
            var type: Int
            var data: JSONValue
        }
        let value = try JSONValue(encoding: Packet(type: 2, data: ["chat", ["x": 1]]))
        #expect(value.description == #"{"type":2,"data":["chat",{"x":1}]}"#)
    }

    @Test("a value that encodes nothing is an error at the top")
    func encodesNothing() {
        struct Silent: Encodable { func encode(to encoder: any Encoder) throws {} }
        #expect(throws: EncodingError.self) { try JSONValue(encoding: Silent()) }
    }

    @Test("Foundation's JSONDecoder reads what we write")
    func foundationReadsOurs() throws {
        let message = Message.sample
        let bytes = try JSONValue(encoding: message).serialized()
        #expect(try JSONDecoder().decode(Message.self, from: Data(bytes)) == message)
    }
}

extension Message {
    static let sample = Message(
        text: "hé \"there\"\n",
        author: Author(name: "ada", level: .high),
        color: .red,
        shapes: [.circle(radius: 0.5), .square(side: 3), .empty],
        tags: ["a", "b"],
        counts: ["x": 1, "y": -2],
        reply: nil,
        extra: ["any": [1, 2.5, nil, true]]
    )
}

@Suite("Codable bridge: decoding from JSONValue")
struct DecodingTests {
    @Test("what we encode decodes to the same value")
    func roundTrip() throws {
        let message = Message.sample
        #expect(try JSONValue(encoding: message).decode(Message.self) == message)
    }

    @Test("what Foundation's JSONEncoder writes, we parse and decode")
    func oursReadsFoundation() throws {
        let data = try JSONEncoder().encode(Message.sample)
        let value = try JSONValue(parsing: [UInt8](data))
        #expect(try value.decode(Message.self) == Message.sample)
    }

    @Test("a missing optional and a null optional are both nil")
    func optionals() throws {
        let missing: JSONValue = ["sid": "a", "upgrades": [], "pingInterval": 1, "pingTimeout": 2]
        var null = missing
        if case .object(var object) = null {
            object["maxPayload"] = nil
            object["maxPayload"] = .null
            null = .object(object)
        }
        #expect(try missing.decode(Handshake.self).maxPayload == nil)
        #expect(try null.decode(Handshake.self).maxPayload == nil)
    }

    @Test("dictionaries and arrays of optionals")
    func collections() throws {
        let value: JSONValue = ["a": [1, nil, 3], "b": []]
        let decoded = try value.decode([String: [Int?]].self)
        #expect(decoded == ["a": [1, nil, 3], "b": []])
    }

    @Test("a whole double decodes as an integer; a fraction does not")
    func doublesAsIntegers() throws {
        #expect(try JSONValue.double(3.0).decode(Int.self) == 3)
        #expect(try JSONValue.integer(3).decode(Double.self) == 3.0)
        #expect(throws: DecodingError.self) { try JSONValue.double(3.5).decode(Int.self) }
    }

    @Test(
        "integers out of range are refused, for every width",
        arguments: [
            (JSONValue.integer(128), "Int8"), (-129, "Int8"), (256, "UInt8"), (-1, "UInt8"),
            (.integer(Int(Int16.max) + 1), "Int16"), (.integer(Int(UInt16.max) + 1), "UInt16"),
            (.integer(Int(Int32.max) + 1), "Int32"), (.integer(-1), "UInt32"), (-1, "UInt64"),
            (-1, "UInt"), (1e19, "Int64"), (1e20, "UInt64"), (1e300, "Int"),
        ] as [(JSONValue, String)]
    )
    func outOfRange(value: JSONValue, type: String) {
        let decode: [String: (JSONValue) throws -> Any] = [
            "Int8": { try $0.decode(Int8.self) }, "Int16": { try $0.decode(Int16.self) },
            "Int32": { try $0.decode(Int32.self) }, "Int64": { try $0.decode(Int64.self) },
            "Int": { try $0.decode(Int.self) }, "UInt": { try $0.decode(UInt.self) },
            "UInt8": { try $0.decode(UInt8.self) }, "UInt16": { try $0.decode(UInt16.self) },
            "UInt32": { try $0.decode(UInt32.self) }, "UInt64": { try $0.decode(UInt64.self) },
        ]
        let error = #expect(throws: DecodingError.self) { _ = try decode[type]?(value) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription.contains(type))
    }

    @Test("a Float out of range is refused; in range it is the nearest Float")
    func floats() throws {
        #expect(try JSONValue.double(0.1).decode(Float.self) == Float(0.1))
        #expect(throws: DecodingError.self) { try JSONValue.double(1e300).decode(Float.self) }
    }

    @Test("a missing key names the key and where")
    func keyNotFound() throws {
        let value: JSONValue = ["text": "x", "author": ["name": "ada"]]
        let error = #expect(throws: DecodingError.self) { try value.decode(Message.self) }
        guard case .keyNotFound(let key, let context) = error else {
            Issue.record("expected keyNotFound, got \(String(describing: error))")
            return
        }
        #expect(key.stringValue == "level")
        #expect(context.codingPath.map(\.stringValue) == ["author"])
    }

    @Test("a value of the wrong kind is a type mismatch with its full path")
    func typeMismatch() throws {
        let value: JSONValue = ["rows": [[1, 2], [3, "four"]], "meta": ["label": "m"]]
        let error = #expect(throws: DecodingError.self) { try value.decode(Matrix.self) }
        guard case .typeMismatch(let type, let context) = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
        #expect(ObjectIdentifier(type) == ObjectIdentifier(Int.self))
        #expect(context.codingPath.map(\.stringValue) == ["rows", "Index 1", "Index 1"])
        #expect(context.debugDescription == "expected Int but found a string")
    }

    @Test("after a nested value decodes, errors still name the right path")
    func pathAfterNestedValue() throws {
        var value = try JSONValue(encoding: Message.sample)
        if case .object(var object) = value {
            object["color"] = "blue"
            value = .object(object)
        }
        let error = #expect(throws: DecodingError.self) { try value.decode(Message.self) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["color"])
    }

    @Test("null where a value is required is valueNotFound")
    func valueNotFound() throws {
        let value: JSONValue = ["name": nil]
        let error = #expect(throws: DecodingError.self) { try value.decode(Animal.self) }
        guard case .valueNotFound(_, let context) = error else {
            Issue.record("expected valueNotFound, got \(String(describing: error))")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["name"])
    }

    @Test("an unknown raw value is an error, and so is an array too short for its type")
    func otherErrors() throws {
        #expect(throws: DecodingError.self) { try JSONValue.string("blue").decode(Color.self) }
        struct Pair: Decodable {
            var first: Int
            var second: Int
            init(from decoder: any Decoder) throws {
                var container = try decoder.unkeyedContainer()
                first = try container.decode(Int.self)
                second = try container.decode(Int.self)
            }
        }
        #expect(throws: DecodingError.self) { try ([1] as JSONValue).decode(Pair.self) }
        #expect(try ([1, 2] as JSONValue).decode(Pair.self).second == 2)
    }

    @Test("a keyed container over an array is a type mismatch that says what it found")
    func containerMismatch() throws {
        let error = #expect(throws: DecodingError.self) {
            try ([1] as JSONValue).decode(Animal.self)
        }
        guard case .typeMismatch(_, let context) = error else {
            Issue.record("expected typeMismatch, got \(String(describing: error))")
            return
        }
        #expect(context.debugDescription == "expected an object but found an array")
    }

    @Test("JSONValue decodes from Foundation's decoder too, as any JSON")
    func jsonValueFromFoundation() throws {
        let data = Data(#"{"a":[1,2.5,"x",null,true,{"b":{}}]}"#.utf8)
        let value = try JSONDecoder().decode(JSONValue.self, from: data)
        #expect(value == ["a": [1, 2.5, "x", nil, true, ["b": [:]]]])
    }
}
