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
    private var state: (UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0
    )
    private var pending: [UInt8] = []
    private var totalLength: UInt64 = 0

    /// A hash with nothing in it yet.
    public init() {}

    /// The 20-byte digest of `bytes`, in one call.
    ///
    /// - Parameter bytes: The message.
    /// - Returns: The digest.
    public static func hash(_ bytes: some Sequence<UInt8>) -> [UInt8] {
        var sha = SHA1()
        sha.update(bytes)
        return sha.finish()
    }

    /// Adds bytes to the message.
    ///
    /// - Parameter bytes: More of the message.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            pending.append(byte)
            totalLength &+= 1
            if pending.count == 64 {
                compress(pending)
                pending.removeAll(keepingCapacity: true)
            }
        }
    }

    // snippet: sha1-padding
    /// Pads the message, processes the last block(s) and returns the 20-byte digest.
    ///
    /// - Returns: The digest, big-endian words one after the other.
    public mutating func finish() -> [UInt8] {
        let bitLength = totalLength &* 8
        pending.append(0x80)
        while pending.count % 64 != 56 { pending.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            pending.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        for start in stride(from: 0, to: pending.count, by: 64) {
            compress(Array(pending[start..<start + 64]))
        }
        pending.removeAll()
        var digest: [UInt8] = []
        for word in [state.0, state.1, state.2, state.3, state.4] {
            digest += [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> $0) }
        }
        return digest
    }
    // end-snippet

    // snippet: sha1
    /// Mixes one 64-byte block into the state (FIPS 180-4 §6.1.2).
    private mutating func compress(_ block: [UInt8]) {
        var words = [UInt32](repeating: 0, count: 80)
        for index in 0..<16 {
            words[index] =
                UInt32(block[4 * index]) << 24 | UInt32(block[4 * index + 1]) << 16
                | UInt32(block[4 * index + 2]) << 8 | UInt32(block[4 * index + 3])
        }
        for index in 16..<80 {
            words[index] = rotateLeft(
                words[index - 3] ^ words[index - 8] ^ words[index - 14] ^ words[index - 16],
                by: 1
            )
        }
        var (a, b, c, d, e) = state
        for index in 0..<80 {
            let mixed: UInt32
            let constant: UInt32
            switch index {
            case 0..<20:
                mixed = (b & c) | (~b & d)  // "choose": b picks c or d
                constant = 0x5A82_7999
            case 20..<40:
                mixed = b ^ c ^ d  // parity
                constant = 0x6ED9_EBA1
            case 40..<60:
                mixed = (b & c) | (b & d) | (c & d)  // majority
                constant = 0x8F1B_BCDC
            default:
                mixed = b ^ c ^ d
                constant = 0xCA62_C1D6
            }
            let temporary = rotateLeft(a, by: 5) &+ mixed &+ e &+ constant &+ words[index]
            e = d
            d = c
            c = rotateLeft(b, by: 30)
            b = a
            a = temporary
        }
        state = (state.0 &+ a, state.1 &+ b, state.2 &+ c, state.3 &+ d, state.4 &+ e)
    }
    // end-snippet

    private func rotateLeft(_ value: UInt32, by count: UInt32) -> UInt32 {
        value << count | value >> (32 - count)
    }
}
