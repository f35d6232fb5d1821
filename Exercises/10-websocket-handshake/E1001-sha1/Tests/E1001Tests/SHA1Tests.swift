import E1001
import Testing
import WebSocketExerciseSupport

// The digests below were computed with Python's hashlib, independently of this code:
//   python3 -c 'import hashlib; print(hashlib.sha1(b"abc").hexdigest())'
// and, for the counting messages, hashlib.sha1(bytes(i % 256 for i in range(n))).hexdigest().

/// The digest of `bytes` in hex, hashed in one call.
private func digest(_ bytes: some Sequence<UInt8>) throws -> String {
    try hex(E1001.SHA1.hash(bytes))
}

/// The message `00 01 02 ... ff 00 01 ...` of `count` bytes.
private func counting(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0) }
}

/// FIPS 180's two-block example message (896 bits).
private let twoBlockMessage =
    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopq"
    + "klmnopqrlmnopqrsmnopqrstnopqrstu"

@Suite("10.1 SHA-1 (FIPS 180-4), one block at a time")
struct SHA1Tests {
    @Test(
        "the FIPS 180 example messages give the published digests",
        arguments: [
            ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
            ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
            (
                "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
                "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
            ),
            (twoBlockMessage, "a49b2446a02c645bf419f995b67091253a04a259"),
        ]
    )
    func fipsVectors(message: String, expected: String) throws {
        #expect(try digest(message.utf8) == expected, "SHA-1 of \(message.debugDescription)")
    }

    @Test("a digest is 20 bytes: the five state words, big-endian, one after the other")
    func digestShape() throws {
        let bytes = try E1001.SHA1.hash("abc".utf8)
        #expect(bytes.count == 20)
        #expect(Array(bytes.prefix(4)) == [0xA9, 0x99, 0x3E, 0x36], "the first word, H0")
    }

    @Test(
        "messages of every length around a block's end pad correctly (55 bytes fit one block, 56 need two)",
        arguments: [
            (1, "5ba93c9db0cff93f52b521d7420e43f6eda2784f"),
            (55, "8ae2d46729cfe68ff927af5eec9c7d1b66d65ac2"),
            (56, "636e2ec698dac903498e648bd2f3af641d3c88cb"),
            (57, "7cb1330f35244b57437539253304ea78a6b7c443"),
            (63, "6d942da0c4392b123528f2905c713a3ce28364bd"),
            (64, "c6138d514ffa2135bfce0ed0b8fac65669917ec7"),
            (65, "69bd728ad6e13cd76ff19751fde427b00e395746"),
            (119, "41c89d06001bab4ab78736b44efe7ce18ce6ae08"),
            (120, "d3dbd653bd8597b7475321b60a36891278e6a04a"),
            (128, "e6434bc401f98603d7eda504790c98c67385d535"),
            (256, "4916d6bdb7f78e6803698cab32d1586ea457dfc8"),
            (1000, "af0b191c2de46fe13fe0908f5a6a4e90e0cafc46"),
        ]
    )
    func paddingBoundaries(length: Int, expected: String) throws {
        #expect(
            try digest(counting(length)) == expected,
            "SHA-1 of the \(length) bytes 00 01 02 ... (bytes above 7f included)"
        )
    }

    @Test("the 448-bit message split in two at every byte gives the same digest")
    func splitAtEveryByte() throws {
        let message = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        for split in 0...message.count {
            var sha = E1001.SHA1()
            try sha.update(message[..<split])
            try sha.update(message[split...])
            #expect(
                try hex(sha.finish()) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1",
                "update(first \(split) bytes), then update(the other \(message.count - split))"
            )
        }
    }

    @Test("the two-block message split in three at many places gives the same digest")
    func splitInThree() throws {
        let message = Array(twoBlockMessage.utf8)
        for first in stride(from: 0, through: message.count, by: 5) {
            for second in stride(from: first, through: message.count, by: 9) {
                var sha = E1001.SHA1()
                try sha.update(message[..<first])
                try sha.update(message[first..<second])
                try sha.update(message[second...])
                #expect(
                    try hex(sha.finish()) == "a49b2446a02c645bf419f995b67091253a04a259",
                    "pieces of \(first), \(second - first) and \(message.count - second) bytes"
                )
            }
        }
    }

    @Test("fed one byte at a time, or with empty updates between, nothing changes")
    func byteByByte() throws {
        var sha = E1001.SHA1()
        for byte in counting(130) {
            try sha.update([])
            try sha.update([byte])
        }
        try sha.update([])
        #expect(try hex(sha.finish()) == "6981ed7d97ffca517d531cd3d1874b43e11f1b46")
    }

    @Test("any sequence of bytes will do: a String's UTF-8 view, a slice, a repeated element")
    func sequences() throws {
        #expect(try digest("abc".utf8) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(
            try digest(Array("xxabcxx".utf8)[2..<5]) == "a9993e364706816aba3e25717850c26c9cd0d89d"
        )
        #expect(
            try digest(repeatElement(UInt8(ascii: "a"), count: 1000))
                == "291e9a6c66994949b57ba5e650361e98fc36b1ba"
        )
    }

    @Test("one million 'a's, fed in uneven pieces, give the published digest")
    func millionAs() throws {
        var sha = E1001.SHA1()
        let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 4093)
        var remaining = 1_000_000
        var size = 1
        while remaining > 0 {
            let count = min(size, remaining)
            try sha.update(piece[..<count])
            remaining -= count
            size = size * 3 % piece.count + 1  // 1, 4, 13, 40, ...: pieces of many sizes
        }
        #expect(try hex(sha.finish()) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test("two hashes in progress at once do not disturb each other")
    func independentValues() throws {
        var first = E1001.SHA1()
        var second = E1001.SHA1()
        try first.update("a".utf8)
        try second.update("ab".utf8)
        var copy = first  // a value type: the copy goes its own way
        try first.update("bc".utf8)
        try copy.update("xyz".utf8)
        try second.update("c".utf8)
        #expect(try hex(first.finish()) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(try hex(second.finish()) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(try hex(copy.finish()) == "40d3c408c283cef336a044f458b06ca79554521d")
    }
}
