extension RESPValue {
    /// CR LF, which ends every line of RESP.
    static let lineEnd: [UInt8] = [13, 10]

    /// Appends a type byte, a decimal number and CR LF: `*3\r\n`, `$5\r\n`, `:42\r\n`.
    static func appendHeader(
        _ type: RESPType,
        _ number: some BinaryInteger,
        to buffer: inout [UInt8]
    ) {
        buffer.append(type.rawValue)
        buffer.append(contentsOf: String(number).utf8)
        buffer.append(contentsOf: lineEnd)
    }

    /// The value as RESP bytes.
    ///
    /// Clients send only arrays of bulk strings (``RedisCommand``); encoding every type is
    /// for tests, which check that parsing the bytes gives the value back, and for a
    /// server written on this codec.
    public var encoded: [UInt8] {
        var buffer: [UInt8] = []
        encode(into: &buffer)
        return buffer
    }

    /// Appends the value as RESP to `buffer`.
    ///
    /// A simple string or simple error holding CR or LF cannot be written as one line;
    /// such text must go in a bulk string. This precondition is the caller's to keep.
    ///
    /// - Parameter buffer: Where the bytes go.
    public func encode(into buffer: inout [UInt8]) {
        switch self {
        case .simpleString(let text):
            appendLine(.simpleString, text, to: &buffer)
        case .simpleError(let error):
            appendLine(.simpleError, error.message, to: &buffer)
        case .integer(let number):
            Self.appendHeader(.integer, number, to: &buffer)
        case .bulkString(let bytes):
            Self.appendPayload(.bulkString, bytes, to: &buffer)
        case .nullBulkString:
            buffer.append(contentsOf: Array("$-1\r\n".utf8))
        case .array(let elements):
            Self.appendAggregate(.array, elements, to: &buffer)
        case .nullArray:
            buffer.append(contentsOf: Array("*-1\r\n".utf8))
        case .null:
            buffer.append(contentsOf: Array("_\r\n".utf8))
        case .boolean(let value):
            appendLine(.boolean, value ? "t" : "f", to: &buffer)
        case .double(let number):
            appendLine(.double, Self.doubleText(number), to: &buffer)
        case .bigNumber(let digits):
            appendLine(.bigNumber, digits, to: &buffer)
        case .bulkError(let error):
            Self.appendPayload(.bulkError, Array(error.message.utf8), to: &buffer)
        case .verbatimString(let format, let text):
            Self.appendPayload(.verbatimString, Array(format.utf8) + [58] + text, to: &buffer)
        case .map(let entries):
            Self.appendEntries(.map, entries, to: &buffer)
        case .set(let elements):
            Self.appendAggregate(.set, elements, to: &buffer)
        case .attribute(let attributes, let value):
            Self.appendEntries(.attribute, attributes, to: &buffer)
            value.encode(into: &buffer)
        case .push(let elements):
            Self.appendAggregate(.push, elements, to: &buffer)
        }
    }

    private func appendLine(_ type: RESPType, _ text: String, to buffer: inout [UInt8]) {
        precondition(
            !text.utf8.contains(13) && !text.utf8.contains(10),
            "a \(type) cannot hold CR or LF"
        )
        buffer.append(type.rawValue)
        buffer.append(contentsOf: text.utf8)
        buffer.append(contentsOf: Self.lineEnd)
    }

    private static func appendPayload(_ type: RESPType, _ bytes: [UInt8], to buffer: inout [UInt8])
    {
        appendHeader(type, bytes.count, to: &buffer)
        buffer.append(contentsOf: bytes)
        buffer.append(contentsOf: lineEnd)
    }

    private static func appendAggregate(
        _ type: RESPType,
        _ elements: [RESPValue],
        to buffer: inout [UInt8]
    ) {
        appendHeader(type, elements.count, to: &buffer)
        for element in elements { element.encode(into: &buffer) }
    }

    private static func appendEntries(
        _ type: RESPType,
        _ entries: [RESPMapEntry],
        to buffer: inout [UInt8]
    ) {
        appendHeader(type, entries.count, to: &buffer)
        for entry in entries {
            entry.key.encode(into: &buffer)
            entry.value.encode(into: &buffer)
        }
    }

    /// `inf`, `-inf`, `nan`, or Swift's shortest text that reads back as the same double.
    static func doubleText(_ number: Double) -> String {
        if number.isNaN { return "nan" }
        if number.isInfinite { return number < 0 ? "-inf" : "inf" }
        return number.description
    }
}
