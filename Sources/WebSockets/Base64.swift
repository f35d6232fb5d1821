/// Base64 (RFC 4648 §4): bytes as text, 3 bytes to 4 characters from a 64-letter alphabet.
///
/// The WebSocket handshake sends its 16-byte key, and the server its 20-byte SHA-1
/// answer, in base64 inside HTTP headers, which must be text.
///
/// ```
///   bytes   01001101 01100001 01101110        "Man"
///   6-bit   010011 010110 000101 101110
///   letters   T      W      F      u          "TWFu"
/// ```
/// A final group of 1 or 2 bytes is padded with `=` to keep the length a multiple of 4.
public enum Base64 {
    private static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8
    )

    // snippet: base64-encode
    /// Encodes bytes as base64 text with padding.
    ///
    /// - Parameter bytes: The bytes.
    /// - Returns: The text.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let first = bytes[index]
            let second = remaining > 1 ? bytes[index + 1] : 0
            let third = remaining > 2 ? bytes[index + 2] : 0
            output.append(alphabet[Int(first >> 2)])
            output.append(alphabet[Int((first & 0b11) << 4 | second >> 4)])
            output.append(remaining > 1 ? alphabet[Int((second & 0b1111) << 2 | third >> 6)] : 61)
            output.append(remaining > 2 ? alphabet[Int(third & 0b11_1111)] : 61)  // 61 is "="
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }
    // end-snippet

    /// Decodes padded base64 text; `nil` if it is not valid base64.
    ///
    /// - Parameter text: The text, whose length must be a multiple of 4.
    /// - Returns: The bytes, or `nil` for a bad character, length or padding.
    public static func decode(_ text: String) -> [UInt8]? {
        decode(Array(text.utf8))
    }

    /// Decodes padded base64 text given as its ASCII bytes; `nil` if it is not valid base64.
    ///
    /// - Parameter text: The text's bytes, whose count must be a multiple of 4.
    /// - Returns: The bytes, or `nil` for a bad character, length or padding.
    public static func decode<Text: Collection<UInt8>>(_ text: Text) -> [UInt8]? {
        let characters = Array(text)
        guard characters.count % 4 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count / 4 * 3)
        for start in stride(from: 0, to: characters.count, by: 4) {
            let group = characters[start..<start + 4]
            let padding = group.reversed().prefix { $0 == UInt8(ascii: "=") }.count
            let isLast = start + 4 == characters.count
            guard padding <= 2, padding == 0 || isLast else { return nil }
            var value: UInt32 = 0
            for (offset, character) in group.enumerated() {
                let sextet: UInt32
                if offset >= 4 - padding {
                    sextet = 0
                } else if let index = sextetValue(character) {
                    sextet = UInt32(index)
                } else {
                    return nil
                }
                value = value << 6 | sextet
            }
            let bytes = [UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
            // Bits that the padding cut off must be zero, or the text is not canonical.
            if padding == 1 && bytes[2] != 0 { return nil }
            if padding == 2 && (bytes[1] != 0 || bytes[2] != 0) { return nil }
            output += bytes.prefix(3 - padding)
        }
        return output
    }

    private static func sextetValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "+"): 62
        case UInt8(ascii: "/"): 63
        default: nil
        }
    }
}
