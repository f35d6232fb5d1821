/// A JSON parser that reads bytes, one value per text, straight into ``JSONValue``.
///
/// The byte at the cursor decides what comes next, with no backtracking: `{` an object,
/// `[` an array, `"` a string, `-` or a digit a number, `t` `f` `n` a literal. The
/// textbook parser for such a grammar is *recursive descent*, one function per rule, with
/// `value` calling `array` calling `value` again for each element. This one keeps the
/// arrays and objects it is inside on a stack of its own instead of the call stack, so
/// that deep nesting costs a few bytes of memory per level, never a stack overflow.
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
        ///
        /// Two steps, repeated: read a value, or the start of an array or object (which
        /// then waits on `open` for its elements); then give each complete value to the
        /// innermost open container, which may close and so become a complete value for
        /// the container around it. When no container is open, the value is the answer.
        mutating func parseValue() throws(JSONParseError) -> JSONValue {
            var open: [OpenContainer] = []  // the arrays and objects we are inside, innermost last
            open.reserveCapacity(8)  // most texts never need it to grow
            reading: while true {
                var value: JSONValue
                switch try valueOrOpening() {
                case .value(let complete):
                    value = complete
                case .opening(let container):
                    open.append(container)
                    continue reading  // its first element comes next
                }
                while !open.isEmpty {
                    guard try add(value, to: &open[open.count - 1]) else {
                        continue reading  // a comma: the next element comes next
                    }
                    value = open.removeLast().finished()  // a value for the one around it
                }
                return value
            }
        }
        // end-snippet

        // snippet: parser-dispatch
        /// A whole value that starts at the cursor, or the start of an array or object.
        mutating func valueOrOpening() throws(JSONParseError) -> Step {
            guard let byte = current else {
                throw .unexpectedEnd(offset: index, expected: .value)
            }
            switch byte {
            case UInt8(ascii: "{"): return try openObject()
            case UInt8(ascii: "["): return try openArray()
            case UInt8(ascii: "\""):
                let (string, end) = try strings.decodeString(in: input, quote: index)
                index = end
                return .value(.string(string))
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return .value(try parseNumber())
            case UInt8(ascii: "t"): return .value(try parseLiteral("true", as: .bool(true)))
            case UInt8(ascii: "f"): return .value(try parseLiteral("false", as: .bool(false)))
            case UInt8(ascii: "n"): return .value(try parseLiteral("null", as: .null))
            default: throw .unexpectedByte(byte, offset: index, expected: .value)
            }
        }
        // end-snippet

        /// `true`, `false` or `null`, byte for byte.
        mutating func parseLiteral(_ word: StaticString, as value: JSONValue)
            throws(JSONParseError) -> JSONValue
        {
            for offset in 0..<word.utf8CodeUnitCount {
                guard current == word.utf8Start[offset] else {
                    throw unexpected(.literal(word.description))
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
