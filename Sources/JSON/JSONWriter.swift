/// Writes values as compact JSON text: UTF-8, no whitespace, keys in their order.
///
/// Choices, each the one JavaScript's `JSON.stringify` makes unless said otherwise:
/// - Strings escape only what RFC 8259 §7 requires: `"`, `\` and the control characters
///   U+0000–U+001F, the common ones as `\n`, `\t`, `\r`, `\b`, `\f` and the rest as
///   `\u00XX` (lowercase hex). Everything else, `é` or `😀`, is written as its UTF-8 bytes.
/// - An integer is written as its digits.
/// - A finite double is written in the shortest form that reads back as the same double
///   (Swift's `description`: `0.1`, `1e-05`, `1e+16`). A whole double keeps its `.0`
///   (`3.0`, not JavaScript's `3`), so it parses back as ``JSONValue/double(_:)``, not as
///   an integer: a round trip gives back the same value.
/// - NaN and the infinities, which JSON cannot express, are written as `null`.
struct JSONWriter {
    var bytes: [UInt8] = []

    /// Appends `value` to ``bytes``.
    ///
    /// Arrays and objects recurse, one call per level: this function and the two loops are
    /// kept small, because each level of nesting takes a frame of each from the thread's
    /// stack (parsed values are at most 512 levels deep by default).
    mutating func write(_ value: JSONValue) {
        switch value {
        case .array(let elements): writeArray(elements)
        case .object(let object): writeObject(object)
        default: writeScalar(value)
        }
    }

    private mutating func writeArray(_ elements: [JSONValue]) {
        bytes.append(UInt8(ascii: "["))
        var index = 0
        while index < elements.count {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(elements[index])
            index += 1
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func writeObject(_ object: JSONObject) {
        bytes.append(UInt8(ascii: "{"))
        var index = 0
        while index < object.count {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeString(object.storage.entries[index].key)
            bytes.append(UInt8(ascii: ":"))
            write(object.storage.entries[index].value)
            index += 1
        }
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func writeScalar(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let value): append(value ? "true" : "false")
        case .integer(let value): writeInteger(value)
        case .double(let value): writeDouble(value)
        case .string(let value): writeString(value)
        case .array, .object: write(value)  // not scalars; `write` does not send them here
        }
    }

    private mutating func append(_ word: StaticString) {
        word.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// The digits of `value`, produced from the lowest up into a small buffer.
    private mutating func writeInteger(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start..<20]))
        }
    }

    private mutating func writeDouble(_ value: Double) {
        guard value.isFinite else { return append("null") }
        bytes.append(contentsOf: value.description.utf8)
    }

    // snippet: writer-string
    /// A string in quotes, copying runs of bytes that need no escape in one go.
    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        var string = string
        string.makeContiguousUTF8()  // a no-op for native strings; lets us borrow the bytes
        string.utf8.withContiguousStorageIfAvailable { utf8 in
            var runStart = 0
            for (index, byte) in utf8.enumerated()
            where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                writeEscape(for: byte)
                runStart = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The escape for one byte that may not appear raw in a string (RFC 8259 §7).
    private mutating func writeEscape(for byte: UInt8) {
        let short: UInt8? =
            switch byte {
            case UInt8(ascii: "\""): UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): UInt8(ascii: "\\")
            case 0x0A: UInt8(ascii: "n")
            case 0x0D: UInt8(ascii: "r")
            case 0x09: UInt8(ascii: "t")
            case 0x08: UInt8(ascii: "b")
            case 0x0C: UInt8(ascii: "f")
            default: nil
            }
        bytes.append(UInt8(ascii: "\\"))
        if let short {
            bytes.append(short)
        } else {
            let hex: StaticString = "0123456789abcdef"
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(hex.utf8Start[Int(byte >> 4)])
            bytes.append(hex.utf8Start[Int(byte & 0x0F)])
        }
    }
    // end-snippet
}

extension JSONValue: CustomStringConvertible {
    /// The value as compact JSON bytes, UTF-8; written as the module's writer does:
    /// compact, keys in order, only the escapes JSON requires, `NaN` and infinities as `null`.
    ///
    /// Writing is recursive, like parsing: a value nested tens of thousands deep, built in
    /// code, can exhaust the stack. Parsed values are never deeper than the parse limit.
    ///
    /// - Returns: The text's bytes.
    public func serialized() -> [UInt8] {
        var writer = JSONWriter()
        writer.write(self)
        return writer.bytes
    }

    /// Appends the value as compact JSON to `bytes`, such as after a packet's type byte.
    ///
    /// - Parameter bytes: Where to append.
    public func write(to bytes: inout [UInt8]) {
        var writer = JSONWriter(bytes: bytes)
        bytes = []  // the writer holds the only reference, so appending does not copy
        writer.write(self)
        bytes = writer.bytes
    }

    /// The value as compact JSON text: `{"sid":"abc","pingInterval":25000}`.
    public var description: String {
        String(decoding: serialized(), as: UTF8.self)
    }
}
