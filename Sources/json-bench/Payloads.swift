// The payloads json-bench measures, and Codable models of each. Deterministic: every run
// parses the same bytes.

/// One document to measure, with its Codable shape.
struct Payload {
    let name: String
    let bytes: [UInt8]
    /// Decodes the bytes with our parser and decoder; returns a count to keep the work.
    let decodeOurs: ([UInt8]) throws -> Int
    /// Decodes the bytes with Foundation's `JSONDecoder`.
    let decodeFoundation: ([UInt8]) throws -> Int
    /// Encodes the decoded model with our encoder and writer.
    let encodeOurs: () throws -> Int
    /// Encodes the decoded model with Foundation's `JSONEncoder`.
    let encodeFoundation: () throws -> Int
}

// MARK: Engine.IO's open packet

struct Handshake: Codable, Equatable {
    var sid: String
    var upgrades: [String]
    var pingInterval: Int
    var pingTimeout: Int
    var maxPayload: Int
}

let handshakeText = """
    {"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":["websocket"],"pingInterval":25000,\
    "pingTimeout":20000,"maxPayload":1000000}
    """

// MARK: A Socket.IO event: ["name", {payload}]

struct ChatEvent: Codable, Equatable {
    struct Person: Codable, Equatable {
        var id: String
        var name: String
    }
    struct Meta: Codable, Equatable {
        var edited: Bool
        var replyTo: String?
        var score: Double
    }
    struct Message: Codable, Equatable {
        var from: Person
        var text: String
        var at: Int
        var tags: [String]
        var meta: Meta
    }
    var name: String
    var message: Message

    init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        name = try container.decode(String.self)
        message = try container.decode(Message.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(name)
        try container.encode(message)
    }
}

let eventText = """
    ["chat message",{"from":{"id":"u_8f3a","name":"Ada Lovelace"},\
    "text":"Hello, everyone! How is it going?","at":1733325600123,\
    "tags":["greeting","public"],"meta":{"edited":false,"replyTo":null,"score":4.5}}]
    """

// MARK: 64 KiB: an array of objects

struct User: Codable, Equatable {
    struct Address: Codable, Equatable {
        var city: String
        var zip: String
    }
    var id: Int
    var name: String
    var email: String
    var active: Bool
    var score: Double
    var roles: [String]
    var address: Address
}

/// User objects until the text is just over 64 KiB.
func usersText() -> String {
    let cities = ["Berlin", "Lisbon", "Osaka", "Toronto", "Nairobi"]
    var parts: [String] = []
    var length = 2
    var id = 0
    while length < 64 * 1024 {
        let part = """
            {"id":\(id),"name":"user\(id)","email":"user\(id)@example.com",\
            "active":\(id % 3 != 0),"score":\(Double(id % 1000) / 8),\
            "roles":["reader"\(id % 4 == 0 ? ",\"writer\"" : "")],\
            "address":{"city":"\(cities[id % cities.count])","zip":"\(10_000 + id * 7 % 90_000)"}}
            """
        parts.append(part)
        length += part.utf8.count + 1
        id += 1
    }
    return "[" + parts.joined(separator: ",") + "]"
}

// MARK: String-heavy: long texts with escapes and non-ASCII

struct Article: Codable, Equatable {
    var title: String
    var body: String
    var author: String
    var comments: [String]
}

/// About 32 KiB of articles whose bodies are paragraphs of prose, some with quotes,
/// newlines, tabs, accented letters and emoji.
func articlesText() -> String {
    let sentences = [
        "The quick brown fox jumps over the lazy dog.",
        "Sphinx of black quartz, judge my vow.",
        "Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich.",
        "Le cœur déçu mais l'âme plutôt naïve, Louÿs rêva de crapaüter.",
        "She said \\\"hello\\\" and left.\\nThen she came back.",
        "いろはにほへと ちりぬるを わかよたれそ つねならむ",
        "Tabs\\tand\\tcolumns, and a path C:\\\\temp\\\\file.txt 🎉",
    ]
    var parts: [String] = []
    var length = 2
    var index = 0
    while length < 32 * 1024 {
        let body = (0..<12).map { sentences[(index + $0 * 3) % sentences.count] }
            .joined(separator: " ")
        let comments = (0..<3).map { "\"\(sentences[(index + $0) % sentences.count])\"" }
        let part = """
            {"title":"Article \(index): \(sentences[index % sentences.count])",\
            "body":"\(body)","author":"Ünsal Øyvind","comments":[\(comments.joined(separator: ","))]}
            """
        parts.append(part)
        length += part.utf8.count + 1
        index += 1
    }
    return "[" + parts.joined(separator: ",") + "]"
}
