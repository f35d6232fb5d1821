/// Writes values as MessagePack bytes, each in its shortest format.
///
/// The choices, each the spec's "smallest number of bytes" and each what notepack.io
/// (Socket.IO's msgpack encoder) writes too:
/// - A non-negative integer takes an unsigned format: positive fixint up to 127, then
///   uint 8, 16, 32, 64 (`300` is `cd 01 2c`). A negative one takes a signed format:
///   negative fixint down to -32, then int 8, 16, 32, 64 (`-33` is `d0 df`). An `Int64`
///   at or above 2^32 could go as int 64 or uint 64, both 9 bytes; like notepack we write
///   uint 64.
/// - A ``MessagePackValue/float64(_:)`` is a float 64, a ``MessagePackValue/float32(_:)``
///   a float 32 (unless ``MessagePackEncodingOptions/wholeFloatsAsIntegers``).
/// - A string's length is its UTF-8 byte count: fixstr up to 31, then str 8, 16, 32.
///   Binary has no fix format: bin 8 even for 0 bytes (`c4 00`).
/// - An extension of 1, 2, 4, 8 or 16 bytes is a fixext; any other length an ext 8, 16
///   or 32.
///
/// The spec caps lengths and counts at 2^32 - 1; a larger value cannot be written, and
/// asking is a programming error (a precondition). A server never builds one: its limits
/// on what it accepts, such as Engine.IO's `maxPayload`, are far lower.
struct MessagePackWriter {
    var bytes: [UInt8] = []
    let options: MessagePackEncodingOptions

    /// Appends `value` to ``bytes``.
    ///
    /// Arrays and maps recurse, one call per level: decoded values are at most
    /// ``MessagePackDecodingOptions/maximumDepth`` levels deep.
    mutating func write(_ value: MessagePackValue) {
        switch value {
        case .array(let elements):
            writeLength(elements.count, fix: .fixarray, below: 16, nil, .array16, .array32)
            for element in elements { write(element) }
        case .map(let map):
            writeLength(map.count, fix: .fixmap, below: 16, nil, .map16, .map32)
            for entry in map.entries {
                write(entry.key)
                write(entry.value)
            }
        default:
            writeScalar(value)
        }
    }

    private mutating func writeScalar(_ value: MessagePackValue) {
        switch value {
        case .nil: bytes.append(MessagePackFormat.nil.firstByte)
        case .bool(let value):
            bytes.append(
                value ? MessagePackFormat.true.firstByte : MessagePackFormat.false.firstByte
            )
        case .int(let value): writeInteger(value)
        case .uint(let value): writeUnsigned(value)
        case .float32(let value):
            if options.wholeFloatsAsIntegers, writeWhole(Double(value)) { return }
            bytes.append(MessagePackFormat.float32.firstByte)
            appendBigEndian(value.bitPattern)
        case .float64(let value):
            if options.wholeFloatsAsIntegers, writeWhole(value) { return }
            bytes.append(MessagePackFormat.float64.firstByte)
            appendBigEndian(value.bitPattern)
        case .string(let value): writeString(value)
        case .binary(let data):
            writeLength(data.count, fix: nil, below: 0, .bin8, .bin16, .bin32)
            bytes.append(contentsOf: data)
        case .extension(let type, let data): writeExtension(type: type, data: data)
        case .array, .map: write(value)  // not scalars; `write` does not send them here
        }
    }

    // snippet: msgpack-integers
    /// A signed integer: negative ones in the signed formats, the rest as unsigned.
    private mutating func writeInteger(_ value: Int64) {
        guard value < 0 else { return writeUnsigned(UInt64(value)) }
        if value >= -32 {
            bytes.append(UInt8(truncatingIfNeeded: value))  // 111xxxxx: the byte is the number
        } else if value >= Int64(Int8.min) {
            bytes.append(MessagePackFormat.int8.firstByte)
            appendBigEndian(Int8(value))
        } else if value >= Int64(Int16.min) {
            bytes.append(MessagePackFormat.int16.firstByte)
            appendBigEndian(Int16(value))
        } else if value >= Int64(Int32.min) {
            bytes.append(MessagePackFormat.int32.firstByte)
            appendBigEndian(Int32(value))
        } else {
            bytes.append(MessagePackFormat.int64.firstByte)
            appendBigEndian(value)
        }
    }

    /// A non-negative integer in the shortest unsigned format.
    private mutating func writeUnsigned(_ value: UInt64) {
        if value <= 0x7f {
            bytes.append(UInt8(value))  // 0xxxxxxx: the byte is the number
        } else if value <= UInt64(UInt8.max) {
            bytes.append(MessagePackFormat.uint8.firstByte)
            bytes.append(UInt8(value))
        } else if value <= UInt64(UInt16.max) {
            bytes.append(MessagePackFormat.uint16.firstByte)
            appendBigEndian(UInt16(value))
        } else if value <= UInt64(UInt32.max) {
            bytes.append(MessagePackFormat.uint32.firstByte)
            appendBigEndian(UInt32(value))
        } else {
            bytes.append(MessagePackFormat.uint64.firstByte)
            appendBigEndian(value)
        }
    }
    // end-snippet

    /// Writes `value` as an integer if it is a whole number that fits 64 bits (`-0.0`
    /// gives 0), and says whether it did.
    private mutating func writeWhole(_ value: Double) -> Bool {
        if let integer = Int64(exactly: value) {
            writeInteger(integer)
        } else if let integer = UInt64(exactly: value) {
            writeUnsigned(integer)
        } else {
            return false
        }
        return true
    }

    /// A string: its UTF-8 length, then its UTF-8 bytes, copied in one go.
    private mutating func writeString(_ string: String) {
        var string = string
        string.makeContiguousUTF8()  // a no-op for native strings; lets us borrow the bytes
        let utf8 = string.utf8
        writeLength(utf8.count, fix: .fixstr, below: 32, .str8, .str16, .str32)
        let copied: Void? = utf8.withContiguousStorageIfAvailable { bytes.append(contentsOf: $0) }
        if copied == nil { bytes.append(contentsOf: utf8) }
    }

    /// An extension: a fixext for 1, 2, 4, 8 and 16 bytes, else an ext with a length.
    private mutating func writeExtension(type: Int8, data: [UInt8]) {
        let fixed: MessagePackFormat? =
            switch data.count {
            case 1: .fixext1
            case 2: .fixext2
            case 4: .fixext4
            case 8: .fixext8
            case 16: .fixext16
            default: nil
            }
        if let fixed {
            bytes.append(fixed.firstByte)
        } else {
            writeLength(data.count, fix: nil, below: 0, .ext8, .ext16, .ext32)
        }
        bytes.append(UInt8(bitPattern: type))  // ext's type comes after its length
        bytes.append(contentsOf: data)
    }

    /// The format byte and length of a string, binary, array, map or ext: the fix format
    /// if the family has one and `length` is below `fixLimit`, else the 8-bit format if
    /// it has one (arrays and maps do not), else the 16-bit or the 32-bit one.
    private mutating func writeLength(
        _ length: Int,
        fix: MessagePackFormat?,
        below fixLimit: Int,
        _ eight: MessagePackFormat?,
        _ sixteen: MessagePackFormat,
        _ thirtyTwo: MessagePackFormat
    ) {
        if let fix, length < fixLimit {
            bytes.append(fix.firstByte | UInt8(length))  // the length in the low bits
        } else if let eight, length <= Int(UInt8.max) {
            bytes.append(eight.firstByte)
            bytes.append(UInt8(length))
        } else if length <= Int(UInt16.max) {
            bytes.append(sixteen.firstByte)
            appendBigEndian(UInt16(length))
        } else {
            precondition(length <= Int(UInt32.max), "MessagePack lengths stop at 2^32 - 1")
            bytes.append(thirtyTwo.firstByte)
            appendBigEndian(UInt32(length))
        }
    }

    /// The bytes of `value`, most significant first (big-endian: network byte order).
    private mutating func appendBigEndian<Integer: FixedWidthInteger>(_ value: Integer) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
}
