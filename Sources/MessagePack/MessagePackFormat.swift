/// The formats of the MessagePack spec: how a value's first byte says what follows.
///
/// The table from the spec's "Overview", in order of the first byte. A *fix* format
/// keeps a small number in the first byte itself: a positive fixint is `0xxxxxxx`, the
/// number; a fixstr is `101xxxxx`, the string's length. Every other format is one byte
/// that names it, then a fixed-size integer or length, big-endian (network order), then
/// the data.
///
/// | first byte  | format          | first byte  | format              |
/// |-------------|-----------------|-------------|---------------------|
/// | 0x00 – 0x7f | positive fixint | 0xcc – 0xcf | uint 8, 16, 32, 64  |
/// | 0x80 – 0x8f | fixmap          | 0xd0 – 0xd3 | int 8, 16, 32, 64   |
/// | 0x90 – 0x9f | fixarray        | 0xd4 – 0xd8 | fixext 1, 2, 4, 8, 16 |
/// | 0xa0 – 0xbf | fixstr          | 0xd9 – 0xdb | str 8, 16, 32       |
/// | 0xc0        | nil             | 0xdc – 0xdd | array 16, 32        |
/// | 0xc1        | (never used)    | 0xde – 0xdf | map 16, 32          |
/// | 0xc2, 0xc3  | false, true     | 0xe0 – 0xff | negative fixint     |
/// | 0xc4 – 0xc6 | bin 8, 16, 32   |             |                     |
/// | 0xc7 – 0xc9 | ext 8, 16, 32   |             |                     |
/// | 0xca, 0xcb  | float 32, 64    |             |                     |
public enum MessagePackFormat: Sendable, Equatable, CustomStringConvertible {
    /// `0x00`–`0x7f`: an integer from 0 to 127, the byte itself.
    case positiveFixint
    /// `0x80`–`0x8f`: a map of up to 15 entries, the count in the low four bits.
    case fixmap
    /// `0x90`–`0x9f`: an array of up to 15 elements, the count in the low four bits.
    case fixarray
    /// `0xa0`–`0xbf`: a string of up to 31 bytes, the length in the low five bits.
    case fixstr
    /// `0xc0`: nil.
    case `nil`
    /// `0xc1`: the one byte the spec never uses; a decoder refuses it.
    case neverUsed
    /// `0xc2`: false.
    case `false`
    /// `0xc3`: true.
    case `true`
    /// `0xc4`: binary with a 1-byte length.
    case bin8
    /// `0xc5`: binary with a 2-byte length.
    case bin16
    /// `0xc6`: binary with a 4-byte length.
    case bin32
    /// `0xc7`: an extension with a 1-byte length, then its type.
    case ext8
    /// `0xc8`: an extension with a 2-byte length, then its type.
    case ext16
    /// `0xc9`: an extension with a 4-byte length, then its type.
    case ext32
    /// `0xca`: an IEEE 754 single-precision float, 4 bytes.
    case float32
    /// `0xcb`: an IEEE 754 double-precision float, 8 bytes.
    case float64
    /// `0xcc`: an unsigned integer in 1 byte.
    case uint8
    /// `0xcd`: an unsigned integer in 2 bytes.
    case uint16
    /// `0xce`: an unsigned integer in 4 bytes.
    case uint32
    /// `0xcf`: an unsigned integer in 8 bytes.
    case uint64
    /// `0xd0`: a signed integer in 1 byte.
    case int8
    /// `0xd1`: a signed integer in 2 bytes.
    case int16
    /// `0xd2`: a signed integer in 4 bytes.
    case int32
    /// `0xd3`: a signed integer in 8 bytes.
    case int64
    /// `0xd4`: an extension's type and exactly 1 byte of data.
    case fixext1
    /// `0xd5`: an extension's type and exactly 2 bytes of data.
    case fixext2
    /// `0xd6`: an extension's type and exactly 4 bytes of data.
    case fixext4
    /// `0xd7`: an extension's type and exactly 8 bytes of data.
    case fixext8
    /// `0xd8`: an extension's type and exactly 16 bytes of data.
    case fixext16
    /// `0xd9`: a string with a 1-byte length.
    case str8
    /// `0xda`: a string with a 2-byte length.
    case str16
    /// `0xdb`: a string with a 4-byte length.
    case str32
    /// `0xdc`: an array with a 2-byte count.
    case array16
    /// `0xdd`: an array with a 4-byte count.
    case array32
    /// `0xde`: a map with a 2-byte count.
    case map16
    /// `0xdf`: a map with a 4-byte count.
    case map32
    /// `0xe0`–`0xff`: an integer from -32 to -1, the byte as an `Int8`.
    case negativeFixint

    /// The formats whose first byte is one fixed value, in the order of those bytes.
    private static let fixedFirstBytes: [MessagePackFormat] = [
        .nil, .neverUsed, .false, .true, .bin8, .bin16, .bin32, .ext8, .ext16, .ext32,
        .float32, .float64, .uint8, .uint16, .uint32, .uint64, .int8, .int16, .int32, .int64,
        .fixext1, .fixext2, .fixext4, .fixext8, .fixext16, .str8, .str16, .str32, .array16,
        .array32, .map16, .map32,
    ]

    /// The format that a value starting with `firstByte` is in; every byte names one.
    ///
    /// - Parameter firstByte: A value's first byte.
    public init(firstByte: UInt8) {
        switch firstByte {
        case 0x00...0x7f: self = .positiveFixint
        case 0x80...0x8f: self = .fixmap
        case 0x90...0x9f: self = .fixarray
        case 0xa0...0xbf: self = .fixstr
        case 0xe0...0xff: self = .negativeFixint
        default: self = Self.fixedFirstBytes[Int(firstByte - 0xc0)]
        }
    }

    /// The format's first byte; for a fix format, its smallest (the one with a 0 in it).
    public var firstByte: UInt8 {
        switch self {
        case .positiveFixint: 0x00
        case .fixmap: 0x80
        case .fixarray: 0x90
        case .fixstr: 0xa0
        case .nil: 0xc0
        case .neverUsed: 0xc1
        case .false: 0xc2
        case .true: 0xc3
        case .bin8: 0xc4
        case .bin16: 0xc5
        case .bin32: 0xc6
        case .ext8: 0xc7
        case .ext16: 0xc8
        case .ext32: 0xc9
        case .float32: 0xca
        case .float64: 0xcb
        case .uint8: 0xcc
        case .uint16: 0xcd
        case .uint32: 0xce
        case .uint64: 0xcf
        case .int8: 0xd0
        case .int16: 0xd1
        case .int32: 0xd2
        case .int64: 0xd3
        case .fixext1: 0xd4
        case .fixext2: 0xd5
        case .fixext4: 0xd6
        case .fixext8: 0xd7
        case .fixext16: 0xd8
        case .str8: 0xd9
        case .str16: 0xda
        case .str32: 0xdb
        case .array16: 0xdc
        case .array32: 0xdd
        case .map16: 0xde
        case .map32: 0xdf
        case .negativeFixint: 0xe0
        }
    }

    /// The format's name as the spec writes it, such as `uint 16` or `fixext 4`.
    public var description: String {
        switch self {
        case .positiveFixint: "positive fixint"
        case .fixmap: "fixmap"
        case .fixarray: "fixarray"
        case .fixstr: "fixstr"
        case .nil: "nil"
        case .neverUsed: "never used"
        case .false: "false"
        case .true: "true"
        case .bin8: "bin 8"
        case .bin16: "bin 16"
        case .bin32: "bin 32"
        case .ext8: "ext 8"
        case .ext16: "ext 16"
        case .ext32: "ext 32"
        case .float32: "float 32"
        case .float64: "float 64"
        case .uint8: "uint 8"
        case .uint16: "uint 16"
        case .uint32: "uint 32"
        case .uint64: "uint 64"
        case .int8: "int 8"
        case .int16: "int 16"
        case .int32: "int 32"
        case .int64: "int 64"
        case .fixext1: "fixext 1"
        case .fixext2: "fixext 2"
        case .fixext4: "fixext 4"
        case .fixext8: "fixext 8"
        case .fixext16: "fixext 16"
        case .str8: "str 8"
        case .str16: "str 16"
        case .str32: "str 32"
        case .array16: "array 16"
        case .array32: "array 32"
        case .map16: "map 16"
        case .map32: "map 32"
        case .negativeFixint: "negative fixint"
        }
    }
}
