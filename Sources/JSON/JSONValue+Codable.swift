extension JSONValue {
    /// The JSON form of `value`, through ``JSONValueEncoder``.
    ///
    /// ```swift
    /// struct Handshake: Codable { var sid: String; var pingInterval: Int }
    /// let json = try JSONValue(encoding: Handshake(sid: "abc", pingInterval: 25000))
    /// json.description  // {"sid":"abc","pingInterval":25000}
    /// ```
    ///
    /// - Parameter value: The value to encode.
    /// - Throws: `EncodingError`, as ``JSONValueEncoder/encode(_:)`` does.
    public init(encoding value: some Encodable) throws {
        self = try JSONValueEncoder().encode(value)
    }

    /// Decodes this value as `type`, through ``JSONValueDecoder``.
    ///
    /// - Parameter type: The type to decode; it may be left to inference.
    /// - Returns: The decoded value.
    /// - Throws: `DecodingError` with the coding path where the value did not fit.
    public func decode<Value: Decodable>(_ type: Value.Type = Value.self) throws -> Value {
        try JSONValueDecoder().decode(type, from: self)
    }
}

extension JSONValue: Codable {
    /// Encodes the value with any encoder, such as Foundation's `JSONEncoder`.
    ///
    /// Ours takes it as it is. An object's keys keep their order with encoders that keep it.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let object):
            var container = encoder.container(keyedBy: JSONCodingKey.self)
            for (key, value) in object {
                try container.encode(value, forKey: JSONCodingKey(stringValue: key))
            }
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(element) }
        default:
            var container = encoder.singleValueContainer()
            switch self {
            case .null: try container.encodeNil()
            case .bool(let value): try container.encode(value)
            case .integer(let value): try container.encode(value)
            case .double(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            case .array, .object: break  // handled above
            }
        }
    }

    /// Decodes any JSON value from any decoder; ours hands it over as it is.
    ///
    /// With other decoders, a number decodes as an integer if it is an `Int`, else as a
    /// double, and an object's keys come in the order the decoder gives them.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError.dataCorrupted` if the value is none of JSON's kinds.
    public init(from decoder: any Decoder) throws {
        if let ours = decoder as? ValueDecoder {
            self = ours.value
            return
        }
        if let keyed = try? decoder.container(keyedBy: JSONCodingKey.self) {
            var object = JSONObject()
            for key in keyed.allKeys {
                object[key.stringValue] = try keyed.decode(JSONValue.self, forKey: key)
            }
            self = .object(object)
        } else if var unkeyed = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !unkeyed.isAtEnd { elements.append(try unkeyed.decode(JSONValue.self)) }
            self = .array(elements)
        } else {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                self = .null
            } else if let value = try? single.decode(Bool.self) {
                self = .bool(value)
            } else if let value = try? single.decode(Int.self) {
                self = .integer(value)
            } else if let value = try? single.decode(Double.self) {
                self = .double(value)
            } else if let value = try? single.decode(String.self) {
                self = .string(value)
            } else {
                throw DecodingError.dataCorrupted(
                    DecodingError.Context(
                        codingPath: decoder.codingPath,
                        debugDescription: "not a JSON value"
                    )
                )
            }
        }
    }
}
