/// Session ids: 20 characters of URL-safe base64 from 15 random bytes.
///
/// The id is all a client shows to prove a polling request belongs to its session, so
/// it must not be guessable: the bytes come from the system's cryptographically secure
/// generator (`SystemRandomNumberGenerator`, which reads `getrandom(2)` on Linux and
/// `arc4random_buf(3)` on Darwin). 120 bits make a collision or a guess hopeless.
/// URL-safe base64 (`-` and `_` for `+` and `/`, RFC 4648 §5) can go in a query
/// string as it is, and 15 bytes need no padding.
enum SessionID {
    private static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8
    )

    /// A new random id.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [UInt8] = []
        characters.reserveCapacity(20)
        for _ in 0..<5 {
            // Three random bytes (24 bits) give four characters of six bits each.
            let bits = UInt32.random(in: 0...0xFF_FFFF, using: &generator)
            for shift in [18, 12, 6, 0] {
                characters.append(alphabet[Int(bits >> UInt32(shift) & 0x3F)])
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
