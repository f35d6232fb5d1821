// Exercise 10.1: SHA-1, from FIPS 180-4.
// Read the task in ../../README.md; check it with `swift run grade 10.1`.

import ExerciseSupport

/// SHA-1 (FIPS 180-4 §6.1), written out because the WebSocket handshake needs it.
///
/// RFC 6455 proves that a server understood the WebSocket handshake by hashing the
/// client's key with a fixed GUID using SHA-1. SHA-1 is broken for signatures
/// (collisions can be manufactured), but that does not matter here: the hash is not a
/// security feature, only a way to show that the server is a WebSocket server and not,
/// say, an HTTP cache replaying an old response.
///
/// The algorithm: pad the message to a multiple of 64 bytes (a 1 bit, zeros, then the
/// length in bits as a big-endian 64-bit number), then mix each 64-byte block into five
/// 32-bit words with 80 rounds of rotations, additions and bitwise functions.
public struct SHA1: Sendable {
    // The initial hash value H(0), FIPS 180-4 §5.3.1.
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0
    )
    /// Bytes of the message not yet mixed in: fewer than 64 between calls.
    private var pending: [UInt8] = []
    /// The message's length so far, in bytes.
    private var totalLength: UInt64 = 0

    /// A hash with nothing in it yet.
    public init() {}

    /// The 20-byte digest of `bytes`, in one call (given).
    ///
    /// - Parameter bytes: The message.
    /// - Returns: The digest.
    /// - Throws: What ``update(_:)`` and ``finish()`` throw.
    public static func hash(_ bytes: some Sequence<UInt8>) throws -> [UInt8] {
        var sha = SHA1()
        try sha.update(bytes)
        return try sha.finish()
    }

    /// Adds bytes to the message.
    ///
    /// - Parameter bytes: More of the message.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public mutating func update(_ bytes: some Sequence<UInt8>) throws {
        // TODO(E1001): append each byte to `pending` and count it in `totalLength`; each
        // time `pending` holds 64 bytes, compress them and start a new block.
        throw Unimplemented("E1001: SHA1.update(_:)")
    }

    /// Pads the message, processes the last block(s) and returns the 20-byte digest.
    ///
    /// - Returns: The digest, big-endian words one after the other.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public mutating func finish() throws -> [UInt8] {
        // TODO(E1001): append 0x80, then zeros until 8 bytes short of a multiple of 64,
        // then the length in *bits* as a big-endian UInt64 (§5.1.1); compress the one or
        // two blocks that makes; the digest is the five state words, each big-endian.
        throw Unimplemented("E1001: SHA1.finish()")
    }

    /// Mixes one 64-byte block into the state (FIPS 180-4 §6.1.2).
    ///
    /// - Parameter block: Exactly 64 bytes.
    /// - Throws: Nothing once written (make it non-throwing if you like: it is private);
    ///   the starter throws ``Unimplemented``.
    private mutating func compress(_ block: [UInt8]) throws {
        // TODO(E1001): the message schedule: 16 big-endian words from the block, then
        // W[t] = ROTL1(W[t-3] ^ W[t-8] ^ W[t-14] ^ W[t-16]) up to 80. Then 80 rounds on
        // copies a...e of the state, with f and K changing every 20 rounds (§4.1.1,
        // §4.2.1), and add a...e back into the state. Use &+: the sums wrap around.
        throw Unimplemented("E1001: SHA1.compress(_:)")
    }

    /// `ROTL`: the bits that fall off the left come back on the right (given).
    private func rotateLeft(_ value: UInt32, by count: UInt32) -> UInt32 {
        value << count | value >> (32 - count)
    }
}
