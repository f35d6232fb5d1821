extension MessagePackValue: CustomStringConvertible {
    /// The value in a JSON-like notation for logs and test failures, such as
    /// `{"type": 2, "data": ["hi", bin(2: 01 ff), ext(0, 1: 00)]}`.
    ///
    /// Floats show their case: `1.5` is a float 64, `1.5f` a float 32. Long binary and
    /// extension data show their first 16 bytes. The text is not meant to be parsed.
    public var description: String {
        switch self {
        case .nil: "nil"
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .uint(let value): String(value)
        case .float32(let value): "\(value)f"
        case .float64(let value): String(value)
        case .string(let value): value.debugDescription
        case .binary(let bytes): "bin(\(Self.show(bytes)))"
        case .array(let elements):
            "[" + elements.map(\.description).joined(separator: ", ") + "]"
        case .map(let map):
            "{"
                + map.entries.map { "\($0.key.description): \($0.value.description)" }
                .joined(separator: ", ") + "}"
        case .extension(let type, let data): "ext(\(type), \(Self.show(data)))"
        }
    }

    /// `count: 01 ff …` with at most 16 bytes in hex.
    private static func show(_ bytes: [UInt8]) -> String {
        let hex = bytes.prefix(16).map { byte in
            byte < 0x10 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }
        let more = bytes.count > 16 ? " …" : ""
        return "\(bytes.count)" + (bytes.isEmpty ? "" : ": ") + hex.joined(separator: " ") + more
    }
}
