// Exercise 11.1, solved: the frame header.
// The library's version is Sources/WebSockets/FrameHeader.swift.

import ExerciseSupport
import WebSockets

/// The first 2 to 14 bytes of every frame (RFC 6455 §5.2).
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-------+-+-------------+-------------------------------+
/// |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
/// |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
/// |N|V|V|V|       |S|             |   (if payload len==126/127)   |
/// | |1|2|3|       |K|             |                               |
/// +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
/// |     Extended payload length continued, if payload len == 127  |
/// + - - - - - - - - - - - - - - - +-------------------------------+
/// |                               | Masking-key, if MASK set to 1 |
/// +-------------------------------+-------------------------------+
/// | Masking-key (continued)       |          Payload Data         |
/// +-------------------------------- - - - - - - - - - - - - - - - +
/// ```
///
/// A length up to 125 fits in the 7 bits; 126 means "the next 2 bytes hold it", 127
/// "the next 8 bytes do", both big-endian.
public struct FrameHeader: Sendable, Equatable {
    /// FIN: this is the last frame of its message.
    public var isFinal: Bool
    /// RSV1–RSV3, for extensions; 0 unless one was negotiated.
    public var reservedBits: UInt8
    /// The opcode's 4 bits, which may not be a defined `WebSocketOpcode`.
    public var opcodeBits: UInt8
    /// The masking key, present on every client-to-server frame.
    public var maskingKey: [UInt8]?
    /// The payload's length in bytes.
    public var payloadLength: UInt64

    /// Describes a frame header.
    ///
    /// - Parameters:
    ///   - isFinal: FIN.
    ///   - reservedBits: RSV1–RSV3 as a number from 0 to 7.
    ///   - opcode: What the frame carries.
    ///   - maskingKey: The 4-byte key, or `nil` for an unmasked frame.
    ///   - payloadLength: The payload's length in bytes, below 2⁶³.
    public init(
        isFinal: Bool,
        reservedBits: UInt8 = 0,
        opcode: WebSocketOpcode,
        maskingKey: [UInt8]? = nil,
        payloadLength: UInt64
    ) {
        self.isFinal = isFinal
        self.reservedBits = reservedBits
        self.opcodeBits = opcode.rawValue
        self.maskingKey = maskingKey
        self.payloadLength = payloadLength
    }

    /// How decoding went: the header and its size in bytes, or "need more bytes".
    public enum Decoded: Sendable, Equatable {
        /// Not enough bytes yet for the whole header.
        case needMoreData
        /// The header, and how many bytes it took.
        case header(FrameHeader, length: Int)
    }

    /// Reads a header from the start of `bytes`.
    ///
    /// - Parameter bytes: Received bytes, starting at a frame boundary. Their first byte
    ///   is at `bytes.startIndex`, which is not always `0`.
    /// - Returns: The header and its length, or ``Decoded/needMoreData``.
    /// - Throws: `WebSocketProtocolError.invalidLength` for a 64-bit length with the top
    ///   bit set. Other checks (opcode, masking) belong to the parser, which knows the role.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws(WebSocketProtocolError) -> Decoded
    {
        guard bytes.count >= 2 else { return .needMoreData }
        let first = bytes[bytes.startIndex]
        let second = bytes[bytes.startIndex + 1]
        let isMasked = second & 0x80 != 0
        var length = UInt64(second & 0x7F)
        var offset = bytes.startIndex + 2
        let extra = length == 126 ? 2 : length == 127 ? 8 : 0
        let headerLength = 2 + extra + (isMasked ? 4 : 0)
        guard bytes.count >= headerLength else { return .needMoreData }
        if extra > 0 {
            length = 0
            for _ in 0..<extra {
                length = length << 8 | UInt64(bytes[offset])  // big-endian
                offset += 1
            }
            if length >> 63 != 0 { throw .invalidLength }
        }
        let key = isMasked ? Array(bytes[offset..<offset + 4]) : nil
        let header = FrameHeader(
            isFinal: first & 0x80 != 0,
            reservedBits: first >> 4 & 0x7,
            opcodeBits: first & 0x0F,
            maskingKey: key,
            payloadLength: length
        )
        return .header(header, length: headerLength)
    }

    /// The header's bytes, using the shortest length encoding (§5.2 requires it).
    ///
    /// - Throws: Nothing; `throws` stays from the starter, which throws `Unimplemented`.
    public var encoded: [UInt8] {
        get throws {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(14)
            bytes.append((isFinal ? 0x80 : 0) | reservedBits << 4 | opcodeBits)
            let maskBit: UInt8 = maskingKey == nil ? 0 : 0x80
            switch payloadLength {
            case 0...125:
                bytes.append(maskBit | UInt8(payloadLength))
            case 126...0xFFFF:
                bytes.append(maskBit | 126)
                bytes.append(UInt8(payloadLength >> 8))
                bytes.append(UInt8(payloadLength & 0xFF))
            default:
                bytes.append(maskBit | 127)
                for shift in stride(from: 56, through: 0, by: -8) {
                    bytes.append(UInt8(truncatingIfNeeded: payloadLength >> UInt64(shift)))
                }
            }
            if let maskingKey { bytes.append(contentsOf: maskingKey) }
            return bytes
        }
    }

    /// Describes a header with any opcode bits, as ``decode(_:)`` finds them (given).
    private init(
        isFinal: Bool,
        reservedBits: UInt8,
        opcodeBits: UInt8,
        maskingKey: [UInt8]?,
        payloadLength: UInt64
    ) {
        self.isFinal = isFinal
        self.reservedBits = reservedBits
        self.opcodeBits = opcodeBits
        self.maskingKey = maskingKey
        self.payloadLength = payloadLength
    }
}
