/// Checks that bytes are UTF-8, and finds the first that is not.
///
/// The spec says a str holds UTF-8 but leaves a decoder free to accept anything; we refuse
/// what is not, so that a ``MessagePackValue/string(_:)`` always holds exactly the text
/// that was sent (Swift's `String(decoding:as:)` would quietly replace bad bytes with
/// U+FFFD instead). The rules are RFC 3629's: a character is 1 to 4 bytes, a lead byte
/// then continuation bytes `10xxxxxx`, in the shortest form, never a UTF-16 surrogate
/// (U+D800–U+DFFF) and never above U+10FFFF. Those last three rules are all about the
/// second byte's range, which is why the table below gives one for each lead byte.
enum UTF8Validation {
    /// The offset of the first byte that does not start a valid character, or `nil` if
    /// every byte is part of one.
    ///
    /// Most strings a server sees are ASCII, so the loop first skips 8 ASCII bytes at a
    /// time: a byte is ASCII when its top bit is 0, and 8 bytes are when their `UInt64`
    /// has no bit of `0x8080808080808080` set.
    static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let raw = UnsafeRawBufferPointer(bytes)
        var index = 0
        while index < bytes.count {
            if bytes.count - index >= 8,
                raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    & 0x8080_8080_8080_8080 == 0
            {
                index += 8
                continue
            }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            // The character's length, and the range its second byte must fall in.
            let length: Int
            let second: ClosedRange<UInt8>
            switch lead {
            case 0xc2...0xdf: (length, second) = (2, 0x80...0xbf)  // 0xc0, 0xc1: overlong
            case 0xe0: (length, second) = (3, 0xa0...0xbf)  // below that: overlong
            case 0xe1...0xec, 0xee...0xef: (length, second) = (3, 0x80...0xbf)
            case 0xed: (length, second) = (3, 0x80...0x9f)  // above that: surrogates
            case 0xf0: (length, second) = (4, 0x90...0xbf)  // below that: overlong
            case 0xf1...0xf3: (length, second) = (4, 0x80...0xbf)
            case 0xf4: (length, second) = (4, 0x80...0x8f)  // above that: past U+10FFFF
            default: return index  // a continuation byte, or a lead byte never used
            }
            guard bytes.count - index >= length, second.contains(bytes[index + 1]) else {
                return index
            }
            for offset in 2..<length where bytes[index + offset] & 0xc0 != 0x80 {
                return index
            }
            index += length
        }
        return nil
    }
}
