/// A JSON parser that reads bytes, one value per text, straight into ``JSONValue``.
///
/// It is a *recursive-descent* parser: one function per rule of RFC 8259's grammar, each
/// calling the others as the grammar nests (`value` calls `array`, which calls `value`
/// again for each element). The byte at the cursor decides which rule comes next: `{` an
/// object, `[` an array, `"` a string, `-` or a digit a number, `t` `f` `n` a literal.
///
/// Nothing is converted to `String` first: the parser walks the bytes it was given (UTF-8,
/// as RFC 8259 §8.1 requires on the wire), and makes a `String` only for each string
/// literal, in one step that is replaceable (``JSONStringDecoding``). Every error names its
/// byte offset.
///
/// Most code calls `JSONValue(parsing:)`, which uses this parser with the library's own
/// string step. Chapter 12's exercise runs it with the learner's:
///
/// ```swift
/// var parser = JSONParser(stringDecoder: try StringLiteralDecoder())
/// let value = try bytes.withUnsafeBufferPointer { try parser.parse($0) }
/// ```
public struct JSONParser<StringDecoder: JSONStringDecoding> {
    /// The limits, such as the nesting depth.
    public var options: JSONParseOptions
    /// The step that decodes each string literal and key.
    public var stringDecoder: StringDecoder

    /// A parser that decodes strings with `stringDecoder`.
    ///
    /// - Parameters:
    ///   - stringDecoder: The string step.
    ///   - options: The limits; by default, a depth of 512.
    public init(stringDecoder: StringDecoder, options: JSONParseOptions = JSONParseOptions()) {
        self.stringDecoder = stringDecoder
        self.options = options
    }

    // snippet: parser-parse
    /// Parses a whole JSON text: whitespace, one value, whitespace, and nothing else.
    ///
    /// - Parameter input: The text's bytes, UTF-8.
    /// - Returns: The value.
    /// - Throws: ``JSONParseError`` for the first byte that breaks RFC 8259, or when the
    ///   nesting goes deeper than `options.maximumDepth`.
    public mutating func parse(_ input: UnsafeBufferPointer<UInt8>) throws(JSONParseError)
        -> JSONValue
    {
        var cursor = Cursor(input: input, strings: stringDecoder, depthLeft: options.maximumDepth)
        defer { stringDecoder = cursor.strings }  // keep its scratch buffer for next time
        cursor.skipWhitespace()
        let value = try cursor.parseValue()
        cursor.skipWhitespace()
        guard cursor.index == input.count else {
            throw .unexpectedByte(input[cursor.index], offset: cursor.index, expected: .endOfInput)
        }
        return value
    }
    // end-snippet
}

extension JSONParser {
    /// One parse in progress: the input, where we are in it, and how much deeper we may go.
    struct Cursor {
        let input: UnsafeBufferPointer<UInt8>
        var strings: StringDecoder
        var depthLeft: Int  // levels of nesting still allowed
        let maximumDepth: Int
        var index = 0

        init(input: UnsafeBufferPointer<UInt8>, strings: StringDecoder, depthLeft: Int) {
            self.input = input
            self.strings = strings
            self.depthLeft = depthLeft
            self.maximumDepth = depthLeft
        }

        /// The byte at the cursor, or `nil` at the end of the input.
        var current: UInt8? { index < input.count ? input[index] : nil }

        // snippet: parser-value
        /// Parses the value that starts at the cursor (whitespace already skipped).
        mutating func parseValue() throws(JSONParseError) -> JSONValue {
            guard let byte = current else {
                throw .unexpectedEnd(offset: index, expected: .value)
            }
            switch byte {
            case UInt8(ascii: "{"): return try parseObject()
            case UInt8(ascii: "["): return try parseArray()
            case UInt8(ascii: "\""):
                let (string, end) = try strings.decodeString(in: input, quote: index)
                index = end
                return .string(string)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
            case UInt8(ascii: "t"): return try parseLiteral("true", as: .bool(true))
            case UInt8(ascii: "f"): return try parseLiteral("false", as: .bool(false))
            case UInt8(ascii: "n"): return try parseLiteral("null", as: .null)
            default: throw .unexpectedByte(byte, offset: index, expected: .value)
            }
        }
        // end-snippet

        // snippet: parser-array
        /// `[` value `,` value … `]`, with whitespace around every token.
        mutating func parseArray() throws(JSONParseError) -> JSONValue {
            try enterNesting()
            index += 1  // the "["
            skipWhitespace()
            var elements: [JSONValue] = []
            if current == UInt8(ascii: "]") {
                index += 1
                depthLeft += 1
                return .array(elements)
            }
            while true {
                elements.append(try parseValue())
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","):
                    index += 1
                    skipWhitespace()
                case UInt8(ascii: "]"):
                    index += 1
                    depthLeft += 1
                    return .array(elements)
                default:
                    throw unexpected(.commaOrClosingBracket)
                }
            }
        }
        // end-snippet

        /// `{` key `:` value `,` … `}`; a key seen twice keeps its first place, last value.
        mutating func parseObject() throws(JSONParseError) -> JSONValue {
            try enterNesting()
            index += 1  // the "{"
            skipWhitespace()
            var object = JSONObject()
            if current == UInt8(ascii: "}") {
                index += 1
                depthLeft += 1
                return .object(object)
            }
            while true {
                guard current == UInt8(ascii: "\"") else { throw unexpected(.key) }
                let (key, end) = try strings.decodeString(in: input, quote: index)
                index = end
                skipWhitespace()
                guard current == UInt8(ascii: ":") else { throw unexpected(.colon) }
                index += 1
                skipWhitespace()
                object.updateValue(try parseValue(), forKey: key)
                skipWhitespace()
                switch current {
                case UInt8(ascii: ","):
                    index += 1
                    skipWhitespace()
                case UInt8(ascii: "}"):
                    index += 1
                    depthLeft += 1
                    return .object(object)
                default:
                    throw unexpected(.commaOrClosingBrace)
                }
            }
        }

        // snippet: parser-depth
        /// Goes one level deeper, or refuses to: the parser recurses once per level, and
        /// the limit is what keeps `[[[[…` from overflowing the thread's stack.
        mutating func enterNesting() throws(JSONParseError) {
            guard depthLeft > 0 else { throw .tooDeep(limit: maximumDepth, offset: index) }
            depthLeft -= 1
        }
        // end-snippet

        /// `true`, `false` or `null`, byte for byte.
        mutating func parseLiteral(_ word: StaticString, as value: JSONValue)
            throws(JSONParseError) -> JSONValue
        {
            let expected = JSONParseError.Expected.literal(word.description)
            for offset in 0..<word.utf8CodeUnitCount {
                guard let byte = current else {
                    throw .unexpectedEnd(offset: index, expected: expected)
                }
                guard byte == word.utf8Start[offset] else {
                    throw .unexpectedByte(byte, offset: index, expected: expected)
                }
                index += 1
            }
            return value
        }

        /// Skips the four bytes RFC 8259 §2 calls whitespace: space, tab, LF and CR.
        mutating func skipWhitespace() {
            while index < input.count {
                switch input[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        /// The error for the byte at the cursor (or the end) when `expected` should be there.
        func unexpected(_ expected: JSONParseError.Expected) -> JSONParseError {
            guard let byte = current else {
                return .unexpectedEnd(offset: index, expected: expected)
            }
            return .unexpectedByte(byte, offset: index, expected: expected)
        }
    }
}
