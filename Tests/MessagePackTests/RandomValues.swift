import MessagePack

/// A small, seeded random number generator (SplitMix64), so that a failing random test
/// can be run again with the seed it prints.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

extension MessagePackValue {
    /// A random value up to `depth` levels deep, with every case and lengths near the
    /// format boundaries.
    static func random(
        depth: Int,
        using generator: inout SeededGenerator
    ) -> MessagePackValue {
        let kinds = depth > 0 ? 13 : 11
        switch Int.random(in: 0..<kinds, using: &generator) {
        case 0: return .nil
        case 1: return .bool(Bool.random(using: &generator))
        case 2: return .int(randomInteger(using: &generator))
        case 3: return .uint(UInt64.random(in: UInt64(Int64.max)...UInt64.max, using: &generator))
        case 4:
            return .float32(Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &generator)))
        case 5: return .float64(Double(bitPattern: generator.next()))
        case 6:
            let length = randomLength(using: &generator)
            let scalars: [Character] = ["a", "é", "亜", "🐦", "\u{0}", "\""]
            return .string(
                String((0..<length).map { _ in scalars.randomElement(using: &generator) ?? "a" })
            )
        case 7:
            return .binary(
                (0..<randomLength(using: &generator)).map { _ in
                    UInt8.random(in: 0...255, using: &generator)
                }
            )
        case 8, 9:
            let length = [1, 2, 4, 8, 16, 0, 3, 17].randomElement(using: &generator) ?? 0
            return .extension(
                type: Int8.random(in: .min ... .max, using: &generator),
                data: (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            )
        case 10: return .int(Int64.random(in: -40...140, using: &generator))
        case 11:
            let count = Int.random(in: 0...18, using: &generator)
            return .array((0..<count).map { _ in random(depth: depth - 1, using: &generator) })
        default:
            let count = Int.random(in: 0...18, using: &generator)
            return .map(
                MessagePackMap(
                    (0..<count).map { _ in
                        .init(
                            key: random(depth: 0, using: &generator),
                            value: random(depth: depth - 1, using: &generator)
                        )
                    }
                )
            )
        }
    }

    /// An integer near a format boundary, or anywhere.
    private static func randomInteger(using generator: inout SeededGenerator) -> Int64 {
        let boundaries: [Int64] = [
            0, 127, 128, 255, 256, 65535, 65536, 4_294_967_295, 4_294_967_296, .max,
            -1, -32, -33, -128, -129, -32768, -32769, -2_147_483_648, -2_147_483_649, .min,
        ]
        if Bool.random(using: &generator) {
            return Int64(bitPattern: generator.next())
        }
        let near = boundaries.randomElement(using: &generator) ?? 0
        let (moved, overflow) = near.addingReportingOverflow(
            Int64.random(in: -1...1, using: &generator)
        )
        return overflow ? near : moved
    }

    /// A length near the fix formats' limits, mostly short.
    private static func randomLength(using generator: inout SeededGenerator) -> Int {
        [0, 1, 5, 15, 16, 31, 32, 33, 255, 256].randomElement(using: &generator) ?? 0
    }

    /// Whether the value holds a NaN anywhere, which equals nothing, not even itself.
    var containsNaN: Bool {
        switch self {
        case .float32(let value): value.isNaN
        case .float64(let value): value.isNaN
        case .array(let elements): elements.contains { $0.containsNaN }
        case .map(let map): map.entries.contains { $0.key.containsNaN || $0.value.containsNaN }
        default: false
        }
    }
}
