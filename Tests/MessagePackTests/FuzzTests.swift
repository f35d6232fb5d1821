import MessagePack
import Testing

/// Decodes `input` and checks what the decoder promises.
///
/// Either a value that encodes and decodes again to the same bytes, or a
/// ``MessagePackDecodingError`` (the only error the typed `throws` allows) pointing inside
/// the input. A crash, a trap or a hang fails the whole run.
private func check(_ input: [UInt8]) {
    do {
        let value = try decode(input)
        let again = value.encoded()
        #expect((try? decode(again).encoded()) == again, "input \(hex(input))")
    } catch {
        #expect(error.offset <= input.count, "\(error) for input \(hex(input))")
    }
}

@Suite("Fuzz: random and damaged bytes never crash the decoder")
struct FuzzTests {
    /// The most inputs one test decodes, and the longest it keeps at it.
    static let maximumInputs = 20_000
    static let timeBudget = Duration.seconds(3)

    @Test("random bytes", arguments: [11, 12] as [UInt64])
    func randomBytes(seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let deadline = ContinuousClock.now + Self.timeBudget
        var count = 0
        while count < Self.maximumInputs && ContinuousClock.now < deadline {
            let length = Int.random(in: 0...48, using: &generator)
            check((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            count += 1
        }
        #expect(count > 100, "only \(count) inputs in \(Self.timeBudget)")
    }

    @Test(
        "random bytes that are mostly format bytes with lengths",
        arguments: [21, 22] as [UInt64]
    )
    func formatHeavyBytes(seed: UInt64) {
        // Format bytes for lengths and containers, and big length bytes, much more often
        // than chance would give them.
        let likely: [UInt8] = [
            0x91, 0x92, 0x9f, 0x81, 0x8f, 0xdc, 0xdd, 0xde, 0xdf, 0xd9, 0xda, 0xdb, 0xc4, 0xc5,
            0xc6, 0xc7, 0xc8, 0xc9, 0xd4, 0xd8, 0xa5, 0xff, 0x00, 0x7f, 0xc0, 0xca, 0xcb,
        ]
        var generator = SeededGenerator(seed: seed)
        let deadline = ContinuousClock.now + Self.timeBudget
        var count = 0
        while count < Self.maximumInputs && ContinuousClock.now < deadline {
            let length = Int.random(in: 0...64, using: &generator)
            check(
                (0..<length).map { _ in
                    Int.random(in: 0..<4, using: &generator) == 0
                        ? UInt8.random(in: 0...255, using: &generator)
                        : likely.randomElement(using: &generator) ?? 0
                }
            )
            count += 1
        }
        #expect(count > 100, "only \(count) inputs in \(Self.timeBudget)")
    }

    @Test(
        "every prefix of a valid value is refused, and so is every one-byte change it makes invalid"
    )
    func damagedValues() {
        var generator = SeededGenerator(seed: 31)
        let deadline = ContinuousClock.now + Self.timeBudget
        var count = 0
        while count < Self.maximumInputs && ContinuousClock.now < deadline {
            let encoded = MessagePackValue.random(depth: 3, using: &generator).encoded()
            guard encoded.count < 2_000 else { continue }
            for end in 0..<encoded.count {
                // A value's length is fixed by its bytes: a strict prefix is never a value.
                #expect(error(decoding: Array(encoded[..<end])) != nil, "prefix of \(hex(encoded))")
            }
            var changed = encoded
            changed[Int.random(in: 0..<changed.count, using: &generator)] = UInt8.random(
                in: 0...255,
                using: &generator
            )
            check(changed)
            count += encoded.count + 1
        }
    }
}
