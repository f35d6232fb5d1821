import JSON

extension SocketIOValue {
    /// The same value, from a ``JSON/JSONValue``: JSON is Socket.IO without the binary.
    ///
    /// Objects that look like binary placeholders stay objects: placeholders mean something
    /// only inside a binary packet (see ``SocketIOBinaryPlaceholders``).
    ///
    /// - Parameter json: The value.
    public init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let value): self = .bool(value)
        case .integer(let value): self = .integer(value)
        case .double(let value): self = .double(value)
        case .string(let value): self = .string(value)
        case .array(let elements): self = .array(elements.map(SocketIOValue.init(json:)))
        case .object(let object):
            self = .object(
                SocketIOObject(
                    distinctEntries: object.map { ($0.key, SocketIOValue(json: $0.value)) }
                )
            )
        }
    }

    /// The same value as JSON, or `nil` if it holds binary anywhere (JSON cannot).
    public var jsonValue: JSONValue? {
        switch self {
        case .null: .null
        case .bool(let value): .bool(value)
        case .integer(let value): .integer(value)
        case .double(let value): .double(value)
        case .string(let value): .string(value)
        case .binary: nil
        case .array(let elements):
            elements.reduce(into: JSONValue?.some(.array([]))) { result, element in
                guard case .array(var built)? = result, let json = element.jsonValue else {
                    result = nil
                    return
                }
                result = nil  // let `built` hold the only reference while it grows
                built.append(json)
                result = .array(built)
            }
        case .object(let object):
            object.reduce(into: JSONObject?.some(JSONObject())) { result, entry in
                guard var built = result, let json = entry.value.jsonValue else {
                    result = nil
                    return
                }
                result = nil
                built[entry.key] = json
                result = built
            }.map(JSONValue.object)
        }
    }
}
