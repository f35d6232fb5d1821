/// The library's own string step: a string without escapes is one slice of the input,
/// checked 8 bytes at a time; a string with escapes is built in a reused buffer.
///
/// `package`, not `public`: chapter 12's exercise writes its own, and must not be able to
/// call this one.
package struct StringLiteralDecoder: JSONStringDecoding {
    private var scratch: [UInt8] = []  // the string being built, when it has escapes

    /// A decoder with an empty buffer.
    package init() {}

    /// Decodes the string literal whose opening quote is at `quote` (RFC 8259 §7).
    package mutating func decodeString(
        in input: UnsafeBufferPointer<UInt8>,
        quote: Int
    ) throws(JSONParseError) -> (string: String, end: Int) {
        let start = quote + 1
        var index = start
        while true {
            index = Self.skipPlainASCII(input, from: index)
            guard index < input.count else { throw .unterminatedString(offset: quote) }
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "\""):
                let text = UnsafeBufferPointer(rebasing: input[start..<index])
                return (String(decoding: text, as: UTF8.self), index + 1)
            case UInt8(ascii: "\\"):
                return try decodeEscaped(input, quote: quote, from: index)
            case 0..<0x20:
                throw .controlCharacter(byte, offset: index)
            case 0x80...:
                index = try Self.skipUTF8Character(input, at: index)
            default:
                index += 1
            }
        }
    }

    /// The slow path, from the first backslash on: copy what came before into `scratch`,
    /// then copy and unescape until the closing quote.
    private mutating func decodeEscaped(
        _ input: UnsafeBufferPointer<UInt8>,
        quote: Int,
        from backslash: Int
    ) throws(JSONParseError) -> (string: String, end: Int) {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[quote + 1..<backslash]))
        var index = backslash
        while true {
            let plainEnd = Self.skipPlainASCII(input, from: index)
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<plainEnd]))
            index = plainEnd
            guard index < input.count else { throw .unterminatedString(offset: quote) }
            let byte = input[index]
            switch byte {
            case UInt8(ascii: "\""):
                return (String(decoding: scratch, as: UTF8.self), index + 1)
            case UInt8(ascii: "\\"):
                index = try appendEscape(input, quote: quote, at: index)
            case 0..<0x20:
                throw .controlCharacter(byte, offset: index)
            case 0x80...:
                let end = try Self.skipUTF8Character(input, at: index)
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: input[index..<end]))
                index = end
            default:
                scratch.append(byte)
                index += 1
            }
        }
    }

    /// Appends what the escape at `backslash` stands for; returns the index after it.
    private mutating func appendEscape(
        _ input: UnsafeBufferPointer<UInt8>,
        quote: Int,
        at backslash: Int
    ) throws(JSONParseError) -> Int {
        guard backslash + 1 < input.count else { throw .unterminatedString(offset: quote) }
        let escaped = input[backslash + 1]
        let replacement: UInt8
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): replacement = escaped
        case UInt8(ascii: "b"): replacement = 0x08
        case UInt8(ascii: "f"): replacement = 0x0C
        case UInt8(ascii: "n"): replacement = 0x0A
        case UInt8(ascii: "r"): replacement = 0x0D
        case UInt8(ascii: "t"): replacement = 0x09
        case UInt8(ascii: "u"): return try appendUnicodeEscape(input, quote: quote, at: backslash)
        default: throw .invalidEscape(escaped, offset: backslash)
        }
        scratch.append(replacement)
        return backslash + 2
    }

    /// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, appended as UTF-8.
    private mutating func appendUnicodeEscape(
        _ input: UnsafeBufferPointer<UInt8>,
        quote: Int,
        at backslash: Int
    ) throws(JSONParseError) -> Int {
        let unit = try Self.hexQuad(input, quote: quote, at: backslash + 2)
        var end = backslash + 6
        var scalar = UInt32(unit)
        switch unit {
        case 0xD800...0xDBFF:  // a high surrogate: a low one must follow, as `\uDC00`–`\uDFFF`
            for (offset, expected) in [UInt8(ascii: "\\"), UInt8(ascii: "u")].enumerated() {
                guard end + offset < input.count else { throw .unterminatedString(offset: quote) }
                guard input[end + offset] == expected else {
                    throw .loneSurrogate(unit, offset: backslash)
                }
            }
            let low = try Self.hexQuad(input, quote: quote, at: end + 2)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw .loneSurrogate(unit, offset: backslash)
            }
            scalar = 0x10000 + (UInt32(unit) - 0xD800) << 10 + (UInt32(low) - 0xDC00)
            end += 6
        case 0xDC00...0xDFFF:
            throw .loneSurrogate(unit, offset: backslash)
        default:
            break
        }
        // Swift's own UTF-8 encoder; `scalar` is valid: not a surrogate, at most U+10FFFF.
        if let valid = Unicode.Scalar(scalar) {
            UTF8.encode(valid) { scratch.append($0) }
        }
        return end
    }

    /// The four hex digits at `start` as a UTF-16 code unit.
    private static func hexQuad(
        _ input: UnsafeBufferPointer<UInt8>,
        quote: Int,
        at start: Int
    ) throws(JSONParseError) -> UInt16 {
        var unit: UInt16 = 0
        for index in start..<start + 4 {
            guard index < input.count else { throw .unterminatedString(offset: quote) }
            let byte = input[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .unexpectedByte(byte, offset: index, expected: .hexDigit)
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    /// Checks the UTF-8 character that starts at `index` against Unicode's table of
    /// well-formed sequences (Table 3-7); returns the index after it.
    private static func skipUTF8Character(
        _ input: UnsafeBufferPointer<UInt8>,
        at index: Int
    ) throws(JSONParseError) -> Int {
        let length: Int
        var secondRange: ClosedRange<UInt8> = 0x80...0xBF
        switch input[index] {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, secondRange) = (3, 0xA0...0xBF)  // E0 80–9F would be overlong
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, secondRange) = (3, 0x80...0x9F)  // ED A0–BF: a surrogate
        case 0xF0: (length, secondRange) = (4, 0x90...0xBF)  // F0 80–8F would be overlong
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, secondRange) = (4, 0x80...0x8F)  // F4 90–: above U+10FFFF
        default: throw .invalidUTF8(offset: index)  // 80–C1, F5–FF never start a character
        }
        guard index + length <= input.count, secondRange.contains(input[index + 1]) else {
            throw .invalidUTF8(offset: index)
        }
        for next in index + 2..<index + length where input[next] & 0xC0 != 0x80 {
            throw .invalidUTF8(offset: index)
        }
        return index + length
    }

    /// The index of the first byte from `start` on that is not plain printable ASCII
    /// (a quote, a backslash, a control character or a byte ≥ 0x80), or the end.
    ///
    /// Eight bytes are tested at once, as one `UInt64`, with the bit tricks from "Bit
    /// Twiddling Hacks" (Anderson): `(w - 0x01…01) & ~w & 0x80…80` is non-zero exactly
    /// when some byte of `w` is zero, so XOR-ing the quote into every byte first finds a
    /// quote, and subtracting `0x20…20` finds a byte below 0x20.
    static func skipPlainASCII(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = input.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= input.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                if hasSpecialByte(word) { break }
                index += 8
            }
        }
        while index < input.count {
            let byte = input[index]
            guard byte >= 0x20, byte < 0x80, byte != UInt8(ascii: "\""),
                byte != UInt8(ascii: "\\")
            else { break }
            index += 1
        }
        return index
    }

    private static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let quote = (quotes &- ones) & ~quotes
        let backslash = (backslashes &- ones) & ~backslashes
        let control = (word &- ones &* 0x20) & ~word
        return (quote | backslash | control | word) & (ones &* 0x80) != 0
    }
}
