import JSON

// Codable in and out: your own types as event arguments.
//
//   struct Message: Codable { var text: String; var photo: SocketIOBinary? }
//   socket.emit("message", try SocketIOValue(encoding: Message(text: "hi", photo: nil)))
//   let message = try args[0].decode(Message.self)
//
// The JSON module's encoder and decoder do the work. Binary has no place in JSON, so bytes
// that should travel as an attachment are written as a `SocketIOBinary` (or a
// `SocketIOValue` holding `.binary`): while encoding, it leaves a placeholder and hands
// its bytes to the side (through the encoder's `userInfo`); afterwards the placeholders
// are replaced by the bytes, exactly as a received packet's are. A plain `[UInt8]` or
// `Data` field keeps its own Codable form: an array of numbers inside the JSON.

/// Bytes that travel as a Socket.IO attachment when a `Codable` type is encoded into a
/// ``SocketIOValue``.
///
/// Use it for a property that holds a file, an image, a protocol buffer: anything that
/// should not become a JSON array of numbers. With any other encoder (Foundation's
/// `JSONEncoder`, say) it is written as an array of numbers.
public struct SocketIOBinary: Sendable, Hashable, Codable {
    /// The bytes.
    public var bytes: [UInt8]

    /// Wraps bytes.
    ///
    /// - Parameter bytes: The bytes.
    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Writes a placeholder and sets the bytes aside, or, with another encoder, an array of
    /// numbers.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        try SocketIOValue.binary(bytes).encode(to: encoder)
    }

    /// Reads a placeholder's bytes, or an array of numbers from 0 to 255.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError.typeMismatch` for anything else.
    public init(from decoder: any Decoder) throws {
        switch try SocketIOValue(from: decoder) {
        case .binary(let bytes):
            self.bytes = bytes
        case .array(let elements):
            let bytes = elements.compactMap { $0.intValue.flatMap(UInt8.init(exactly:)) }
            guard bytes.count == elements.count else { throw Self.mismatch(decoder) }
            self.bytes = bytes
        default:
            throw Self.mismatch(decoder)
        }
    }

    private static func mismatch(_ decoder: any Decoder) -> DecodingError {
        DecodingError.typeMismatch(
            SocketIOBinary.self,
            DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "expected binary or an array of bytes"
            )
        )
    }
}

/// The attachments set aside during one encode or decode.
///
/// Why `@unchecked Sendable` is safe: `userInfo` values must be `Sendable`, but a box is
/// made for one call of ``SocketIOValue/init(encoding:)`` or ``SocketIOValue/decode(_:)``,
/// used by that call's encoder or decoder on the calling thread only, and dropped when
/// the call returns; no other thread ever sees it.
final class AttachmentBox: @unchecked Sendable {
    var attachments: [[UInt8]]

    init(_ attachments: [[UInt8]] = []) {
        self.attachments = attachments
    }

    /// The `userInfo` key the box travels under.
    static let key = CodingUserInfoKey(rawValue: "SocketIO.attachments")

    /// `userInfo` holding this box.
    var userInfo: [CodingUserInfoKey: any Sendable] {
        guard let key = Self.key else { return [:] }
        return [key: self]
    }

    /// The box an encoder or decoder carries, if it does.
    static func of(_ userInfo: [CodingUserInfoKey: Any]) -> AttachmentBox? {
        key.flatMap { userInfo[$0] as? AttachmentBox }
    }
}

extension SocketIOValue: Codable {
    /// The value of a `Codable` type: its JSON form, with ``SocketIOBinary`` (and
    /// ``SocketIOValue/binary(_:)``) properties as binary.
    ///
    /// - Parameter value: The value to encode.
    /// - Throws: `EncodingError`, as the JSON module's encoder does.
    public init(encoding value: some Encodable) throws {
        if let ready = value as? SocketIOValue {
            self = ready
            return
        }
        let box = AttachmentBox()
        let json = try JSONValueEncoder(userInfo: box.userInfo).encode(value)
        self = try SocketIOValue(json: json, attachments: box.attachments)
    }

    /// Decodes this value as `type`; binary decodes into ``SocketIOBinary`` properties.
    ///
    /// - Parameter type: The type to decode; it may be left to inference.
    /// - Returns: The decoded value.
    /// - Throws: `DecodingError` with the coding path where the value did not fit.
    public func decode<Value: Decodable>(_ type: Value.Type = Value.self) throws -> Value {
        var attachments: [[UInt8]] = []
        let json = jsonWithPlaceholders(into: &attachments)
        let box = AttachmentBox(attachments)
        return try JSONValueDecoder(userInfo: box.userInfo).decode(type, from: json)
    }

    /// Encodes the value: within ``init(encoding:)``, binary as a placeholder and its bytes
    /// set aside; with any other encoder, binary as an array of numbers.
    ///
    /// - Parameter encoder: The encoder.
    /// - Throws: What the encoder throws.
    public func encode(to encoder: any Encoder) throws {
        if let box = AttachmentBox.of(encoder.userInfo) {
            try jsonWithPlaceholders(into: &box.attachments).encode(to: encoder)
        } else {
            try jsonWithBytesAsNumbers.encode(to: encoder)
        }
    }

    /// Decodes any value; within ``decode(_:)``, placeholders become binary again.
    ///
    /// - Parameter decoder: The decoder.
    /// - Throws: `DecodingError` if the value is not JSON, or names a missing attachment.
    public init(from decoder: any Decoder) throws {
        let json = try JSONValue(from: decoder)
        guard let box = AttachmentBox.of(decoder.userInfo) else {
            self = SocketIOValue(json: json)
            return
        }
        do {
            self = try SocketIOValue(json: json, attachments: box.attachments)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: "\(error)")
            )
        }
    }

    /// The value as JSON, each binary replaced by a placeholder numbered after those
    /// already in `attachments`, its bytes appended there.
    func jsonWithPlaceholders(into attachments: inout [[UInt8]]) -> JSONValue {
        switch self {
        case .binary(let bytes):
            attachments.append(bytes)
            return ["_placeholder": true, "num": .integer(attachments.count - 1)]
        case .array(let elements):
            return .array(elements.map { $0.jsonWithPlaceholders(into: &attachments) })
        case .object(let object):
            return .object(
                JSONObject(
                    object.map { ($0.key, $0.value.jsonWithPlaceholders(into: &attachments)) }
                )
            )
        case .null: return .null
        case .bool(let value): return .bool(value)
        case .integer(let value): return .integer(value)
        case .double(let value): return .double(value)
        case .string(let value): return .string(value)
        }
    }

    /// The value as JSON, each binary as an array of numbers.
    var jsonWithBytesAsNumbers: JSONValue {
        switch self {
        case .binary(let bytes): .array(bytes.map { .integer(Int($0)) })
        case .array(let elements): .array(elements.map(\.jsonWithBytesAsNumbers))
        case .object(let object):
            .object(JSONObject(object.map { ($0.key, $0.value.jsonWithBytesAsNumbers) }))
        case .null: .null
        case .bool(let value): .bool(value)
        case .integer(let value): .integer(value)
        case .double(let value): .double(value)
        case .string(let value): .string(value)
        }
    }
}
