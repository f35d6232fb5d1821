/// Socket ids, private session ids and offsets: random URL-safe text.
///
/// A socket id is also the name of the room only that socket is in, so a guessed id
/// would let nobody in (joining is the server's decision); the private session id of
/// connection state recovery, though, is all a client shows to take a session over, so it
/// must not be guessable: 120 bits from the system's secure generator, as Engine.IO's
/// session ids.
enum SocketIOIdentifier {
    private static let alphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8
    )

    /// A new random id of `length` characters (a multiple of 4), 6 bits each.
    static func make(length: Int = 20) -> String {
        var generator = SystemRandomNumberGenerator()
        var characters: [UInt8] = []
        characters.reserveCapacity(length)
        for _ in 0..<(length / 4) {
            let bits = UInt32.random(in: 0...0xFF_FFFF, using: &generator)
            for shift in [18, 12, 6, 0] {
                characters.append(alphabet[Int(bits >> UInt32(shift) & 0x3F)])
            }
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
