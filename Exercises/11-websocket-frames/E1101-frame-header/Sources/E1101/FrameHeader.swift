// Exercise 11.1: the frame header.
// Read the task in ../../README.md; check it with `swift run grade 11.1`.

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
    ///   The starter throws ``Unimplemented``.
    public static func decode(_ bytes: ArraySlice<UInt8>) throws -> Decoded {
        // TODO(E1101): fewer than 2 bytes: needMoreData. From the second byte, the mask
        // bit and the 7-bit length; 126 and 127 say that 2 or 8 more bytes hold it. Once
        // you know the header's whole length (2, + 2 or 8, + 4 for a key), check that
        // many bytes are there; read the extended length big-endian, refuse a 64-bit one
        // with the top bit set, copy the key, and build the header from the first byte's
        // FIN, RSV and opcode bits (with the private init below).
        throw Unimplemented("E1101: FrameHeader.decode(_:)")
    }

    /// The header's bytes, using the shortest length encoding (§5.2 requires it).
    ///
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public var encoded: [UInt8] {
        get throws {
            // TODO(E1101): FIN, RSV and opcode in the first byte; the mask bit and the
            // length (0...125), or 126 and 2 bytes, or 127 and 8 bytes, big-endian, in the
            // shortest form that fits; then the key, if there is one.
            throw Unimplemented("E1101: FrameHeader.encoded")
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
