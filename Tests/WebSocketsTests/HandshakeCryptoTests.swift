import Testing
import WebSockets

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }.joined()
}

@Suite("SHA-1 (FIPS 180-4) and base64 (RFC 4648), written here for the handshake")
struct HandshakeCryptoTests {
    @Test(
        "the FIPS 180 example messages give the published digests",
        arguments: [
            ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
            ),
            (
                "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
                    + "klmnopqrlmnopqrsmnopqrstnopqrstu",
                "a49b2446a02c645bf419f995b67091253a04a259"
            ),
        ]
    )
    func fipsVectors(message: String, digest: String) {
        #expect(hex(SHA1.hash(message.utf8)) == digest)
    }

    @Test("a million 'a's, fed in uneven pieces, give the published digest")
    func millionAs() {
        var sha = SHA1()
        var remaining = 1_000_000
        var piece = 1
        while remaining > 0 {
            let count = min(piece, remaining)
            sha.update(repeatElement(UInt8(ascii: "a"), count: count))
            remaining -= count
            piece = piece * 3 % 1000 + 1
        }
        #expect(hex(sha.finish()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test("messages of every length around the padding boundary hash like one-shot ones")
    func paddingBoundaries() {
        for length in 50...70 {
            let message = Array(repeating: UInt8(ascii: "x"), count: length)
            var sha = SHA1()
            for byte in message { sha.update([byte]) }
            #expect(sha.finish() == SHA1.hash(message))
        }
    }

    @Test(
        "base64 follows the RFC 4648 test vectors both ways",
        arguments: [
            ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy"),
        ]
    )
    func base64Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test(
        "malformed base64 is refused",
        arguments: ["Zm9", "Zm9v=", "Z===", "Zm9*", "Zh==", "=Zm9"]
    )
    func base64Malformed(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test("the RFC's own handshake example gives the RFC's own answer (§1.3)")
    func rfcAcceptKey() {
        let key = WebSocketAcceptKey(clientKey: "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(key.value == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }
}
