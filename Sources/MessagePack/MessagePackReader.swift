/// Reads one MessagePack value from bytes, straight into ``MessagePackValue``.
///
/// A value's first byte says what it is and how long it is, so the reader never searches:
/// it reads the format byte, then exactly the bytes that format says follow. An array or
/// map says how many values it holds, and the reader keeps the ones it is inside on a stack
/// of its own (not the call stack) with a count of what each still expects, so deep
/// nesting costs memory, never a stack overflow.
///
/// Nothing a peer sends can make it allocate more than the input justifies. Every value
/// takes at least one byte, so the reader keeps ``owed``, the number of values the open
/// arrays and maps still expect, and refuses any length or count larger than the bytes
/// left minus what is owed: `dd ff ff ff ff` (an array of 4,294,967,295 elements) in a
/// short message is an error at its first byte, before any memory is reserved for it.
struct MessagePackReader {
    let input: UnsafeBufferPointer<UInt8>
    let maximumDepth: Int
    /// Where the next byte is read.
    var index = 0
    /// Values still expected, each at least one byte: the open arrays' and maps' remaining
    /// elements, and the value being read until its first byte is.
    var owed = 1

    init(input: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.input = input
        self.maximumDepth = maximumDepth
    }

    // snippet: msgpack-read-value
    /// Reads the value at ``index``, with everything inside it.
    ///
    /// Two steps, repeated: read a scalar, or the start of an array or map (which then
    /// waits on `open` for its elements); then give each complete value to the innermost
    /// open container, which may be full and so become a complete value for the one around
    /// it. When no container is open, the value is the answer.
    mutating func readValue() throws(MessagePackDecodingError) -> MessagePackValue {
        var open: [OpenContainer] = []  // the arrays and maps we are inside, innermost last
        reading: while true {
            var value: MessagePackValue
            switch try valueOrOpening(depth: open.count) {
            case .value(let complete):
                value = complete
            case .opening(let container):
                open.append(container)
                continue reading  // its first element comes next
            }
            while !open.isEmpty {
                guard open[open.count - 1].add(value) else {
                    continue reading  // it expects more
                }
                value = open.removeLast().finished()  // a value for the one around it
            }
            return value
        }
    }
    // end-snippet

    // snippet: msgpack-dispatch
    /// A whole value that starts at ``index``, or the start of a non-empty array or map.
    mutating func valueOrOpening(depth: Int) throws(MessagePackDecodingError) -> Step {
        let start = index
        guard index < input.count else { throw .unexpectedEnd(offset: index) }
        let byte = input[index]
        index += 1
        owed -= 1  // this value has its first byte

        /// The length after a format byte of the 8-, 16- or 32-bit kind; which one, the
        /// byte's place in its family says (`c4`, `c5`, `c6` are bin 8, 16, 32).
        func length() throws(MessagePackDecodingError) -> Int {
            switch byte {
            case 0xc4, 0xc7, 0xd9: Int(try read(UInt8.self, at: start))
            case 0xc5, 0xc8, 0xda, 0xdc, 0xde: Int(try read(UInt16.self, at: start))
            default: Int(try read(UInt32.self, at: start))
            }
        }

        switch byte {
        case 0x00...0x7f: return .value(.int(Int64(byte)))  // positive fixint
        case 0x80...0x8f: return try open(map: Int(byte & 0x0f), at: start, depth: depth)
        case 0x90...0x9f: return try open(array: Int(byte & 0x0f), at: start, depth: depth)
        case 0xa0...0xbf: return .value(try string(length: Int(byte & 0x1f), at: start))
        case 0xc0: return .value(.nil)
        case 0xc2: return .value(.bool(false))
        case 0xc3: return .value(.bool(true))
        case 0xc4...0xc6: return .value(.binary(Array(try bytes(length: try length(), at: start))))
        case 0xc7...0xc9: return .value(try extensionValue(length: try length(), at: start))
        case 0xca: return .value(.float32(Float(bitPattern: try read(UInt32.self, at: start))))
        case 0xcb: return .value(.float64(Double(bitPattern: try read(UInt64.self, at: start))))
        case 0xcc: return .value(.int(Int64(try read(UInt8.self, at: start))))
        case 0xcd: return .value(.int(Int64(try read(UInt16.self, at: start))))
        case 0xce: return .value(.int(Int64(try read(UInt32.self, at: start))))
        case 0xcf:
            let value = try read(UInt64.self, at: start)
            return .value(Int64(exactly: value).map(MessagePackValue.int) ?? .uint(value))
        case 0xd0: return .value(.int(Int64(try read(Int8.self, at: start))))
        case 0xd1: return .value(.int(Int64(try read(Int16.self, at: start))))
        case 0xd2: return .value(.int(Int64(try read(Int32.self, at: start))))
        case 0xd3: return .value(.int(try read(Int64.self, at: start)))
        case 0xd4...0xd8:  // fixext 1, 2, 4, 8, 16
            return .value(try extensionValue(length: 1 << Int(byte - 0xd4), at: start))
        case 0xd9...0xdb: return .value(try string(length: try length(), at: start))
        case 0xdc...0xdd: return try open(array: try length(), at: start, depth: depth)
        case 0xde...0xdf: return try open(map: try length(), at: start, depth: depth)
        case 0xe0...0xff: return .value(.int(Int64(Int8(bitPattern: byte))))  // negative fixint
        default: throw .neverUsedByte(offset: start)  // 0xc1, the one byte left
        }
    }
    // end-snippet

    /// A big-endian integer of `Integer`'s size at ``index``, for the value at `start`.
    mutating func read<Integer: FixedWidthInteger>(
        _: Integer.Type,
        at start: Int
    ) throws(MessagePackDecodingError) -> Integer {
        let size = MemoryLayout<Integer>.size
        guard input.count - index >= size else {
            throw .truncated(MessagePackFormat(firstByte: input[start]), offset: start)
        }
        let value = UnsafeRawBufferPointer(input).loadUnaligned(
            fromByteOffset: index,
            as: Integer.self
        )
        index += size
        return Integer(bigEndian: value)
    }

    /// The next `length` bytes, the data of the value at `start`, if the input has room for
    /// them and for the values still owed after them.
    mutating func bytes(
        length: Int,
        at start: Int
    ) throws(MessagePackDecodingError) -> UnsafeBufferPointer<UInt8> {
        try reserve(length, at: start)
        defer { index += length }
        return UnsafeBufferPointer(rebasing: input[index..<index + length])
    }

    /// Checks that `count` more bytes fit in what is left after the values owed.
    func reserve(_ count: Int, at start: Int) throws(MessagePackDecodingError) {
        let room = input.count - index - owed
        guard count <= room else {
            throw .lengthBeyondInput(
                MessagePackFormat(firstByte: input[start]),
                length: UInt64(count),
                available: max(0, room),
                offset: start
            )
        }
    }

    /// A string of `length` bytes, which must be UTF-8.
    mutating func string(length: Int, at start: Int) throws(MessagePackDecodingError)
        -> MessagePackValue
    {
        let utf8 = try bytes(length: length, at: start)
        if let bad = UTF8Validation.firstInvalidByte(in: utf8) {
            throw .invalidUTF8(offset: index - length + bad)
        }
        return .string(String(decoding: utf8, as: UTF8.self))  // valid: nothing to replace
    }

    /// An extension: its type, then `length` bytes of data.
    mutating func extensionValue(length: Int, at start: Int) throws(MessagePackDecodingError)
        -> MessagePackValue
    {
        let type = try read(Int8.self, at: start)
        return .extension(type: type, data: Array(try bytes(length: length, at: start)))
    }
}
