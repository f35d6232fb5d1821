/// An incremental RESP2 and RESP3 parser, free of I/O.
///
/// Feed it bytes as TCP delivers them, and take values out as they complete:
///
/// ```swift
/// var parser = RESPParser()
/// parser.append(Array("$5\r\nhel".utf8))
/// try parser.next()  // .needMoreData
/// parser.append(Array("lo\r\n:1\r\n".utf8))
/// try parser.next()  // .value(.bulkString("hello"))
/// try parser.next()  // .value(.integer(1))
/// ```
///
/// A reply may be cut anywhere, and a read may hold many replies (pipelining), so the
/// parser keeps its place between calls: a stack of the aggregates it is inside (an array
/// with 3 of its 10 elements read), and, once a bulk string's `$length` line is read, how
/// many payload bytes it still waits for. Nothing is parsed twice, however the stream is
/// cut: a reply of a million elements that arrives in a thousand reads costs what it
/// would cost in one.
///
/// After an error every call throws it again: the stream has lost its framing.
public struct RESPParser: Sendable {
    /// What the parser found.
    public enum Event: Hashable, Sendable {
        /// Nothing complete yet: append more bytes.
        case needMoreData
        /// A complete value.
        case value(RESPValue)
    }

    /// An aggregate being filled in.
    private struct Frame: Sendable {
        enum Kind: Sendable {
            case array, set, push, map, attribute
            /// An attribute has been read; the value it is about comes next.
            case attributed([RESPMapEntry])
        }

        var kind: Kind
        var remaining: Int
        var elements: [RESPValue] = []
    }

    /// A `$`, `!` or `=` header has been read; its payload has not arrived in full yet.
    private struct Payload: Sendable {
        let type: RESPType
        let length: Int
        let offset: Int
    }

    /// The limits this parser enforces.
    public let limits: Limits
    private var input = RESPInputBuffer()
    private var frames: [Frame] = []
    private var payload: Payload?
    private var failure: RESPParseError?
    /// The stream offset of the first unparsed byte: how many bytes were consumed.
    private var consumed = 0
    /// The stream offset where the reply being parsed began.
    private var replyStart = 0

    /// A parser with `limits`.
    ///
    /// - Parameter limits: The bounds on lengths, depth and reply size.
    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Adds received bytes.
    ///
    /// - Parameter bytes: The next piece of the stream.
    public mutating func append(_ bytes: [UInt8]) {
        input.append(bytes)
    }

    /// How many received bytes are not yet part of a returned value.
    public var bufferedByteCount: Int { input.count }

    /// Whether the parser is between values: no reply is partly read.
    public var isBetweenValues: Bool { frames.isEmpty && payload == nil && input.count == 0 }

    /// Parses the next value, if its last byte has arrived.
    ///
    /// - Returns: ``Event/value(_:)`` or ``Event/needMoreData``.
    /// - Throws: ``RESPParseError``, now and on every later call.
    public mutating func next() throws(RESPParseError) -> Event {
        if let failure { throw failure }
        do {
            return try step()
        } catch {
            failure = error
            throw error
        }
    }

    // snippet: resp-parser-step
    private mutating func step() throws(RESPParseError) -> Event {
        while true {
            if let payload {
                // A `$length` line was read: wait for the bytes and their CR LF.
                guard input.count >= payload.length + 2 else { return .needMoreData }
                guard input[payload.length] == 13, input[payload.length + 1] == 10 else {
                    throw .missingLineEnd(payload.type, offset: payload.offset)
                }
                let bytes = input.slice(from: 0, to: payload.length)
                consume(payload.length + 2)
                self.payload = nil
                if let value = complete(try Self.payloadValue(payload, bytes)) {
                    return .value(value)
                }
                continue
            }
            guard input.count > 0 else { return .needMoreData }
            if frames.isEmpty { replyStart = consumed }
            let offset = consumed
            guard let type = RESPType(rawValue: input[0]) else {
                throw .unknownType(byte: input[0], offset: offset)
            }
            // Every value starts with a line: its type byte, then text or a length, CR LF.
            let longest = limits.maximumLineLength
            guard let lineEnd = input.lineEnd(from: 1, through: 1 + longest) else {
                if input.count >= longest + 3 { throw .lineTooLong(limit: longest, offset: offset) }
                return .needMoreData
            }
            try checkReplySize(adding: lineEnd + 2, offset: offset)
            if let value = try readLine(type, lineEnd: lineEnd, offset: offset),
                let complete = complete(value)
            {
                return .value(complete)
            }
        }
    }
    // end-snippet

    /// Reads the line of a value of `type` ending at `lineEnd`, and consumes it.
    ///
    /// - Returns: The value, for a scalar or an empty aggregate; `nil` when the value
    ///   continues (a payload or elements follow).
    private mutating func readLine(
        _ type: RESPType,
        lineEnd: Int,
        offset: Int
    ) throws(RESPParseError) -> RESPValue? {
        let text = { [input] in input.text(from: 1, to: lineEnd) }
        let value: RESPValue?
        switch type {
        case .simpleString:
            value = .simpleString(text())
        case .simpleError:
            value = .simpleError(RedisServerError(message: text()))
        case .integer:
            guard let number = parseInteger(to: lineEnd) else {
                throw .invalidScalar(type, text: text(), offset: offset)
            }
            value = .integer(number)
        case .null:
            guard lineEnd == 1 else { throw .invalidScalar(type, text: text(), offset: offset) }
            value = .null
        case .boolean:
            guard lineEnd == 2, input[1] == UInt8(ascii: "t") || input[1] == UInt8(ascii: "f")
            else { throw .invalidScalar(type, text: text(), offset: offset) }
            value = .boolean(input[1] == UInt8(ascii: "t"))
        case .double:
            guard let number = Self.parseDouble(text()) else {
                throw .invalidScalar(type, text: text(), offset: offset)
            }
            value = .double(number)
        case .bigNumber:
            let digits = text()
            guard Self.isBigNumber(digits) else {
                throw .invalidScalar(type, text: digits, offset: offset)
            }
            value = .bigNumber(digits)
        case .bulkString, .bulkError, .verbatimString:
            value = try readPayloadHeader(type, lineEnd: lineEnd, offset: offset)
        case .array, .set, .push, .map, .attribute:
            value = try readAggregateHeader(type, lineEnd: lineEnd, offset: offset)
        }
        if !type.hasLengthHeader { consume(lineEnd + 2) }
        return value
    }

    private mutating func readPayloadHeader(
        _ type: RESPType,
        lineEnd: Int,
        offset: Int
    ) throws(RESPParseError) -> RESPValue? {
        let length = try parseLength(type, lineEnd: lineEnd, offset: offset)
        consume(lineEnd + 2)
        if length == -1 && type == .bulkString { return .nullBulkString }
        guard length >= 0 else {
            throw .invalidLength(type, text: String(length), offset: offset)
        }
        guard length <= limits.maximumBulkLength else {
            throw .bulkTooLong(
                type,
                length: length,
                limit: limits.maximumBulkLength,
                offset: offset
            )
        }
        try checkReplySize(adding: length + 2, offset: offset)
        payload = Payload(type: type, length: length, offset: offset)
        return nil
    }

    private mutating func readAggregateHeader(
        _ type: RESPType,
        lineEnd: Int,
        offset: Int
    ) throws(RESPParseError) -> RESPValue? {
        let count = try parseLength(type, lineEnd: lineEnd, offset: offset)
        consume(lineEnd + 2)
        if count == -1 && type == .array { return .nullArray }
        guard count >= 0 else { throw .invalidLength(type, text: String(count), offset: offset) }
        guard count <= limits.maximumAggregateLength else {
            throw .aggregateTooLong(
                type,
                count: count,
                limit: limits.maximumAggregateLength,
                offset: offset
            )
        }
        let kind: Frame.Kind
        switch type {
        case .array: kind = .array
        case .set: kind = .set
        case .push: kind = .push
        case .map: kind = .map
        default: kind = .attribute
        }
        if count == 0 {
            switch kind {
            case .array: return .array([])
            case .set: return .set([])
            case .push: return .push([])
            case .map: return .map([])
            default: break  // an empty attribute still comes before a value
            }
        }
        guard frames.count < limits.maximumDepth else {
            throw .tooDeep(limit: limits.maximumDepth, offset: offset)
        }
        let elements = type == .map || type == .attribute ? count * 2 : count
        if count == 0 {
            frames.append(Frame(kind: .attributed([]), remaining: 1))
        } else {
            var frame = Frame(kind: kind, remaining: elements)
            // Reserve for what was announced only up to a point: the peer may never send it.
            frame.elements.reserveCapacity(min(elements, 1024))
            frames.append(frame)
        }
        return nil
    }

    // snippet: resp-parser-complete
    /// Adds a finished value to the aggregate it belongs to, closing every aggregate that
    /// it completes.
    ///
    /// - Returns: The whole reply once the outermost value is complete; `nil` before.
    private mutating func complete(_ finished: RESPValue) -> RESPValue? {
        var value = finished
        while let last = frames.indices.last {
            frames[last].elements.append(value)
            frames[last].remaining -= 1
            if frames[last].remaining > 0 { return nil }
            let frame = frames.removeLast()
            switch frame.kind {
            case .array: value = .array(frame.elements)
            case .set: value = .set(frame.elements)
            case .push: value = .push(frame.elements)
            case .map: value = .map(Self.pairs(frame.elements))
            case .attribute:
                // The attribute is read; the value it describes is next, one level up.
                frames.append(Frame(kind: .attributed(Self.pairs(frame.elements)), remaining: 1))
                return nil
            case .attributed(let attributes):
                value = .attribute(attributes, frame.elements[0])
            }
        }
        return value
    }
    // end-snippet

    // MARK: Pieces

    private mutating func consume(_ length: Int) {
        input.consume(length)
        consumed += length
    }

    private func checkReplySize(adding length: Int, offset: Int) throws(RESPParseError) {
        if consumed + length - replyStart > limits.maximumReplySize {
            throw .replyTooLarge(limit: limits.maximumReplySize, offset: offset)
        }
    }

    private static func pairs(_ elements: [RESPValue]) -> [RESPMapEntry] {
        stride(from: 0, to: elements.count, by: 2).map {
            RESPMapEntry(key: elements[$0], value: elements[$0 + 1])
        }
    }

    private static func payloadValue(
        _ payload: Payload,
        _ bytes: [UInt8]
    ) throws(RESPParseError) -> RESPValue {
        switch payload.type {
        case .bulkError:
            return .bulkError(RedisServerError(message: String(decoding: bytes, as: UTF8.self)))
        case .verbatimString:
            // `txt:` or `mkd:`, then the text (RESP3 spec, "Verbatim strings").
            guard bytes.count >= 4, bytes[3] == UInt8(ascii: ":") else {
                throw .invalidVerbatimString(offset: payload.offset)
            }
            return .verbatimString(
                format: String(decoding: bytes[0..<3], as: UTF8.self),
                text: Array(bytes[4...])
            )
        default:
            return .bulkString(bytes)
        }
    }

    /// A signed decimal integer from byte 1 up to `end`, or `nil` if it is not one or does
    /// not fit in 64 bits.
    private func parseInteger(to end: Int) -> Int64? {
        var index = 1
        var isNegative = false
        if index < end && (input[index] == UInt8(ascii: "-") || input[index] == UInt8(ascii: "+")) {
            isNegative = input[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < end else { return nil }
        var magnitude: UInt64 = 0
        while index < end {
            let digit = input[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if isNegative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? .min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// A length: `-1` (nil) or a count, bounded well within `Int`.
    private func parseLength(
        _ type: RESPType,
        lineEnd: Int,
        offset: Int
    ) throws(RESPParseError) -> Int {
        guard let number = parseInteger(to: lineEnd), number >= -1, number <= Int64(Int32.max)
        else { throw .invalidLength(type, text: input.text(from: 1, to: lineEnd), offset: offset) }
        return Int(number)
    }

    /// A RESP3 double: `inf`, `-inf`, `nan`, or a decimal number with an optional exponent.
    static func parseDouble(_ text: String) -> Double? {
        switch text {
        case "inf", "+inf": return .infinity
        case "-inf": return -.infinity
        case "nan", "-nan": return .nan
        default: break
        }
        // Swift's parser also takes `0x1p3` and `infinity`; RESP does not.
        guard !text.isEmpty, text.utf8.allSatisfy({ "0123456789+-.eE".utf8.contains($0) })
        else { return nil }
        return Double(text)
    }

    /// Whether `text` is an optional sign and at least one decimal digit.
    static func isBigNumber(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }
}

extension RESPType {
    /// Whether the first line holds a length (of bytes or elements) rather than the value.
    var hasLengthHeader: Bool {
        switch self {
        case .bulkString, .bulkError, .verbatimString, .array, .set, .push, .map, .attribute:
            true
        default: false
        }
    }
}
