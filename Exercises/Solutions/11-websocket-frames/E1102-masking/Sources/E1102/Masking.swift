// Exercise 11.2, solved: masking.
// The library's version is Sources/WebSockets/Masking.swift.

import ExerciseSupport

/// Client-to-server masking (RFC 6455 §5.3): XOR the payload with a 4-byte key.
///
/// Masking is not encryption: the key travels in the frame. It exists so that a hostile
/// page cannot make a browser send bytes of its choosing that a naive proxy on the way
/// would mistake for an HTTP request (cache poisoning): with a fresh random key per
/// frame, the page cannot predict what goes on the wire.
///
/// ```
///   payload   h    e    l    l    o
///   key      k0   k1   k2   k3   k0  ...   byte i is XORed with key[i % 4]
/// ```
public enum Masking {
    /// XORs `bytes` in place with `key`, as if the first byte were at `offset` in the payload.
    ///
    /// Applying it twice gives the original back, so the same function masks and unmasks.
    /// Eight bytes are done at a time with one 64-bit XOR: the key repeated twice is a
    /// 64-bit key, rotated so that it lines up with `offset`.
    ///
    /// - Parameters:
    ///   - key: The 4-byte masking key.
    ///   - bytes: The payload bytes to transform.
    ///   - offset: Where `bytes` start within the frame's payload.
    /// - Throws: Nothing; `throws` stays from the starter, which throws `Unimplemented`.
    public static func apply(_ key: [UInt8], to bytes: inout [UInt8], offset: Int = 0) throws {
        precondition(key.count == 4, "a masking key has 4 bytes")
        let rotated = (0..<8).map { key[($0 + offset) % 4] }
        let wide = rotated.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        bytes.withUnsafeMutableBytes { raw in
            var index = 0
            while index + 8 <= raw.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                raw.storeBytes(of: word ^ wide, toByteOffset: index, as: UInt64.self)
                index += 8
            }
            while index < raw.count {
                raw[index] ^= rotated[index % 8]
                index += 1
            }
        }
    }

    /// Four random bytes from the system's generator, for a client's next frame (given).
    ///
    /// - Returns: A fresh masking key.
    public static func randomKey() -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        let value = generator.next() as UInt32
        return [
            UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF),
            UInt8(value & 0xFF),
        ]
    }
}
