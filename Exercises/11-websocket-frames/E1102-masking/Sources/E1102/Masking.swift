// Exercise 11.2: masking.
// Read the task in ../../README.md; check it with `swift run grade 11.2`.

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
    ///
    /// - Parameters:
    ///   - key: The 4-byte masking key.
    ///   - bytes: The payload bytes to transform.
    ///   - offset: Where `bytes` start within the frame's payload.
    /// - Throws: Nothing once written; the starter throws ``Unimplemented``.
    public static func apply(_ key: [UInt8], to bytes: inout [UInt8], offset: Int = 0) throws {
        // TODO(E1102): byte i of `bytes` is byte (i + offset) of the payload, so it is
        // XORed with key[(i + offset) % 4]. A key that is not 4 bytes long is the
        // caller's mistake (a precondition), not the peer's.
        throw Unimplemented("E1102: Masking.apply(_:to:offset:)")
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
