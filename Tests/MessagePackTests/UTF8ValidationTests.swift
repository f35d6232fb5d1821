import MessagePack
import Testing

/// Where Swift's own UTF-8 parser finds the first bad character, or `nil`.
private func firstInvalidByte(_ bytes: [UInt8]) -> Int? {
    var parser = Unicode.UTF8.ForwardParser()
    var iterator = bytes.makeIterator()
    var offset = 0
    while true {
        switch parser.parseScalar(from: &iterator) {
        case .valid(let scalar): offset += scalar.count
        case .error: return offset
        case .emptyInput: return nil
        }
    }
}

@Suite("UTF-8 in strings: the decoder agrees with Swift's own parser")
struct UTF8ValidationTests {
    @Test("random bytes, mostly above 0x7f, as a str 8", arguments: [41, 42, 43] as [UInt64])
    func agreesWithSwift(seed: UInt64) {
        // Lead bytes, continuation bytes and the edges of their ranges, more than chance.
        let likely: [UInt8] = [
            0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xec, 0xed,
            0xee, 0xef, 0xf0, 0xf1, 0xf3, 0xf4, 0xf5, 0xff, 0x61,
        ]
        var generator = SeededGenerator(seed: seed)
        var valid = 0
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...12, using: &generator)
            let text = (0..<length).map { _ in
                Bool.random(using: &generator)
                    ? likely.randomElement(using: &generator) ?? 0
                    : UInt8.random(in: 0...255, using: &generator)
            }
            let expected = firstInvalidByte(text)
            let result = error(decoding: [0xd9, UInt8(length)] + text)
            #expect(result == expected.map { .invalidUTF8(offset: 2 + $0) }, "\(hex(text))")
            if expected == nil { valid += 1 }
        }
        #expect(valid > 100)  // both kinds were tried
    }

    @Test("long ASCII runs, with one bad byte at each place")
    func longRuns() {
        for place in 0..<40 {
            var text = [UInt8](repeating: 0x61, count: 40)
            #expect(error(decoding: [0xd9, 40] + text) == nil)
            text[place] = 0xff
            #expect(error(decoding: [0xd9, 40] + text) == .invalidUTF8(offset: 2 + place))
        }
    }
}
