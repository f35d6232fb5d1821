import MessagePack

/// The bytes written in hex, spaces allowed: `bytes("cd 01 2c")` is `[0xcd, 0x01, 0x2c]`.
func bytes(_ hex: String) -> [UInt8] {
    let digits = hex.filter { !$0.isWhitespace }.map { UInt8(String($0), radix: 16) ?? 0 }
    return stride(from: 0, to: digits.count - 1, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

/// Bytes as lowercase hex without spaces, as Node's `buffer.toString("hex")` writes them.
func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 0x10 ? "0" : "") + String($0, radix: 16) }.joined()
}

/// Decodes `bytes`, for tests.
func decode(_ bytes: [UInt8], options: MessagePackDecodingOptions = .init())
    throws(MessagePackDecodingError) -> MessagePackValue
{
    try MessagePackValue(decoding: bytes, options: options)
}

/// The error decoding `bytes` throws, or `nil` if it decodes.
func error(decoding bytes: [UInt8], options: MessagePackDecodingOptions = .init())
    -> MessagePackDecodingError?
{
    do {
        _ = try decode(bytes, options: options)
        return nil
    } catch {
        return error
    }
}

/// A string of `count` ASCII letters.
func text(_ count: Int, _ letter: Character = "a") -> String {
    String(repeating: letter, count: count)
}

/// An array of `count` zeros, `[0, 0, …]`.
func zeros(_ count: Int) -> MessagePackValue {
    .array(Array(repeating: 0, count: count))
}

/// A map of `count` entries, keys `0, 1, …` (integers, so each takes a byte or so) and
/// values `nil`.
func mapOf(_ count: Int) -> MessagePackValue {
    .map(MessagePackMap((0..<count).map { .init(key: .int(Int64($0)), value: .nil) }))
}

/// `count` bytes `0, 1, 2, …, 255, 0, …`.
func counting(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0) }
}
