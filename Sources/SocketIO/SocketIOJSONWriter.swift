import JSON

/// Writes a ``SocketIOValue`` as compact JSON, taking binary out as it goes.
///
/// The scalars are written by the JSON module (``JSON/JSONValue/write(to:)``), so strings
/// are escaped exactly as everywhere else in the stack: only what RFC 8259 requires, the
/// rest as raw UTF-8. What this writer adds is binary: in a packet, each
/// ``SocketIOValue/binary(_:)`` becomes a placeholder and its bytes an attachment, in the
/// depth-first order ``SocketIOBinaryPlaceholders`` describes; for people (a log line, a
/// test failure) it becomes `<N bytes>`.
struct SocketIOJSONWriter {
    /// What to write for binary.
    enum BinaryForm {
        /// `{"_placeholder":true,"num":N}`, the bytes appended to ``attachments``.
        case placeholders
        /// `<N bytes>`: not JSON, for reading.
        case byteCount
    }

    var bytes: [UInt8]
    private(set) var attachments: [[UInt8]] = []
    let binaryForm: BinaryForm

    init(appendingTo bytes: [UInt8] = [], binaryForm: BinaryForm = .placeholders) {
        self.bytes = bytes
        self.binaryForm = binaryForm
    }

    /// Appends `value` to ``bytes``.
    mutating func write(_ value: SocketIOValue) {
        switch value {
        case .null: JSONValue.null.write(to: &bytes)
        case .bool(let flag): JSONValue.bool(flag).write(to: &bytes)
        case .integer(let number): JSONValue.integer(number).write(to: &bytes)
        case .double(let number): JSONValue.double(number).write(to: &bytes)
        case .string(let text): JSONValue.string(text).write(to: &bytes)
        case .binary(let data): writeBinary(data)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let object):
            bytes.append(UInt8(ascii: "{"))
            for (index, entry) in object.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONValue.string(entry.key).write(to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                write(entry.value)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func writeBinary(_ data: [UInt8]) {
        switch binaryForm {
        case .placeholders:
            bytes.append(contentsOf: #"{"_placeholder":true,"num":"#.utf8)
            JSONValue.integer(attachments.count).write(to: &bytes)
            bytes.append(UInt8(ascii: "}"))
            attachments.append(data)
        case .byteCount:
            bytes.append(contentsOf: "<\(data.count) bytes>".utf8)
        }
    }
}

extension SocketIOValue: CustomStringConvertible {
    /// The value as compact JSON, binary shown as `<N bytes>`: `["photo",<2048 bytes>]`.
    public var description: String {
        var writer = SocketIOJSONWriter(binaryForm: .byteCount)
        writer.write(self)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
