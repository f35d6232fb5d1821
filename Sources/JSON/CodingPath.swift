/// Where the encoder or decoder is in a value: a chain of keys and array indices from the
/// top, each step pointing back at its parent.
///
/// `Encoder` and `Decoder` must report `codingPath` as an array, but building an array for
/// every nested value would copy the whole path each time; the chain shares its parent and
/// makes the array only when someone asks (mostly to put it in an error).
indirect enum CodingPath {
    case root
    case key(String, parent: CodingPath)
    case index(Int, parent: CodingPath)
    case codingKey(any CodingKey, parent: CodingPath)

    /// One step further down, by a container's key.
    func appending(_ key: some CodingKey) -> CodingPath {
        .codingKey(key, parent: self)
    }

    /// One step further down, by a string key.
    func appending(key: String) -> CodingPath {
        .key(key, parent: self)
    }

    /// One step further down, into an array.
    func appending(index: Int) -> CodingPath {
        .index(index, parent: self)
    }

    /// The path as the array `Encoder.codingPath` and `DecodingError.Context` want.
    var keys: [any CodingKey] {
        var keys: [any CodingKey] = []
        var step = self
        while true {
            switch step {
            case .root: return keys.reversed()
            case .key(let key, let parent):
                keys.append(JSONCodingKey(stringValue: key))
                step = parent
            case .index(let index, let parent):
                keys.append(JSONCodingKey(intValue: index))
                step = parent
            case .codingKey(let key, let parent):
                keys.append(key)
                step = parent
            }
        }
    }
}

/// A coding key made from a string or an array index: for paths, for `super`, and for
/// encoding a ``JSONValue`` object's keys.
struct JSONCodingKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }

    /// The key `superEncoder()` and `superDecoder()` use, as Foundation's coders do.
    static let superKey = JSONCodingKey(stringValue: "super")
}

/// Words for a value's kind, for error messages: "a string", "null", "the number 1.5".
func describeKind(_ value: JSONValue) -> String {
    switch value {
    case .null: "null"
    case .bool(let value): "\(value)"
    case .integer(let value): "the number \(value)"
    case .double(let value): "the number \(value)"
    case .string: "a string"
    case .array: "an array"
    case .object: "an object"
    }
}
