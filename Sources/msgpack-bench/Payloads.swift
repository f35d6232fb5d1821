// The payloads msgpack-bench measures: Socket.IO packets as the msgpack parser sends them
// (a map with type, nsp, data and id), each also as the JSON text of the same value.
// Deterministic: every run measures the same bytes.

import JSON
import MessagePack

/// One packet, as a JSON text and as the MessagePack value of the same JSON value.
struct Payload {
    let name: String
    let json: [UInt8]
    let jsonValue: JSONValue
    let messagePack: [UInt8]
    let messagePackValue: MessagePackValue

    init(_ name: String, json text: String) throws {
        self.name = name
        json = Array(text.utf8)
        jsonValue = try JSONValue(parsing: json)
        messagePackValue = MessagePackValue(jsonValue)
        messagePack = messagePackValue.encoded()
    }
}

extension MessagePackValue {
    /// The same value, for the benchmark: JSON's integers as integers, its other numbers
    /// as float 64, its objects as maps with string keys.
    init(_ json: JSONValue) {
        switch json {
        case .null: self = .nil
        case .bool(let value): self = .bool(value)
        case .integer(let value): self = .int(Int64(value))
        case .double(let value): self = .float64(value)
        case .string(let value): self = .string(value)
        case .array(let elements): self = .array(elements.map(MessagePackValue.init))
        case .object(let object):
            self = .map(
                MessagePackMap(object.map { .init(key: .string($0.key), value: .init($0.value)) })
            )
        }
    }
}

/// A chat message event, the packet Socket.IO carries most.
let eventText = """
    {"type":2,"nsp":"/","data":["chat message",{"from":{"id":"u_8f3a","name":"Ada Lovelace"},\
    "text":"Hello, everyone! How is it going?","at":1733325600123,\
    "tags":["greeting","public"],"meta":{"edited":false,"replyTo":null,"score":4.5}}],"id":12}
    """

/// An event with a list of 200 users, about 30 KB of JSON: a room's roster.
func rosterText() -> String {
    let cities = ["Paris", "Lyon", "Zürich", "Kyoto", "São Paulo", "Oslo"]
    let users = (0..<200).map { index in
        """
        {"id":\(100_000 + index),"name":"User \(index)","email":"user\(index)@example.com",\
        "active":\(index % 3 != 0),"score":\(Double(index) * 1.25 + 0.5),\
        "roles":["member"\(index % 10 == 0 ? ",\"moderator\"" : "")],\
        "city":"\(cities[index % cities.count])","lastSeen":\(1_733_325_600_000 + index * 61_000)}
        """
    }
    return #"{"type":2,"nsp":"/lobby","data":["roster",["# + users.joined(separator: ",")
        + "]]}"
}

/// A batch of 50 numeric readings: numbers dominate, where JSON must print and parse
/// digits and MessagePack copies 1 to 9 bytes.
func readingsText() -> String {
    let readings = (0..<50).map { index in
        """
        {"sensor":\(index),"t":\(1_733_325_600 + index),"value":\(Double(index) * 0.37 - 4.1),\
        "min":-\(index * 3),"max":\(index * 70_000)}
        """
    }
    return #"{"type":2,"nsp":"/","data":["readings",["# + readings.joined(separator: ",") + "]]}"
}
