import Redis
import Testing

/// A small deterministic generator (SplitMix64), so a failing case can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random RESP value of every type, nested at most `depth` levels.
func randomValue(depth: Int, _ random: inout SeededGenerator) -> RESPValue {
    let kinds = depth > 0 ? 17 : 12
    func text(_ random: inout SeededGenerator) -> String {
        String(
            (0..<Int.random(in: 0..<12, using: &random)).map { _ in
                Character(Unicode.Scalar(UInt8.random(in: 32..<127, using: &random)))
            }
        )
    }
    func bytes(_ random: inout SeededGenerator) -> [UInt8] {
        (0..<Int.random(in: 0..<40, using: &random)).map { _ in
            UInt8.random(in: 0...255, using: &random)
        }
    }
    func elements(_ random: inout SeededGenerator) -> [RESPValue] {
        (0..<Int.random(in: 0..<5, using: &random)).map { _ in
            randomValue(depth: depth - 1, &random)
        }
    }
    func entries(_ random: inout SeededGenerator) -> [RESPMapEntry] {
        (0..<Int.random(in: 0..<4, using: &random)).map { _ in
            RESPMapEntry(
                key: randomValue(depth: depth - 1, &random),
                value: randomValue(depth: depth - 1, &random)
            )
        }
    }
    switch Int.random(in: 0..<kinds, using: &random) {
    case 0: return .simpleString(text(&random))
    case 1: return .simpleError(RedisServerError(message: "ERR " + text(&random)))
    case 2: return .integer(Int64.random(in: .min ... .max, using: &random))
    case 3: return .bulkString(bytes(&random))
    case 4: return .nullBulkString
    case 5: return .nullArray
    case 6: return .null
    case 7: return .boolean(Bool.random(using: &random))
    // Only doubles that compare equal after a round trip: not NaN.
    case 8: return .double(Double(Int32.random(in: .min ... .max, using: &random)) / 64)
    case 9:
        return .bigNumber(
            (Bool.random(using: &random) ? "-" : "")
                + String(UInt64.random(in: 0 ... .max, using: &random)) + "123456789012"
        )
    case 10: return .bulkError(RedisServerError(message: "SYNTAX " + text(&random)))
    case 11: return .verbatimString(format: "txt", text: bytes(&random))
    case 12: return .array(elements(&random))
    case 13: return .map(entries(&random))
    case 14: return .set(elements(&random))
    case 15: return .push(elements(&random))
    default: return .attribute(entries(&random), randomValue(depth: depth - 1, &random))
    }
}

@Suite("RESP codec fuzzing, bounded in count and time", .timeLimit(.minutes(1)))
struct RESPFuzzTests {
    @Test("random values survive encoding and parsing, cut at random places")
    func roundTrips() throws {
        var random = SeededGenerator(state: 0x5EED)
        let deadline = ContinuousClock.now + .seconds(10)
        var rounds = 0
        while rounds < 3000 && ContinuousClock.now < deadline {
            let values = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                randomValue(depth: 4, &random)
            }
            let input = values.flatMap(\.encoded)
            let cuts = (0..<Int.random(in: 0...6, using: &random)).map { _ in
                Int.random(in: 0...input.count, using: &random)
            }.sorted()
            let parsed = try parse(input, cutAt: cuts)
            if parsed != values {
                Issue.record("round \(rounds): \(values) came back as \(parsed)")
                return
            }
            rounds += 1
        }
        #expect(rounds >= 100, "only \(rounds) rounds ran in the time")
    }

    @Test("damaged and random bytes give values or an error, never a crash or a hang")
    func damagedInput() {
        var random = SeededGenerator(state: 0xBAD)
        var limits = RESPParser.Limits()
        limits.maximumBulkLength = 1000
        limits.maximumAggregateLength = 100
        limits.maximumDepth = 8
        limits.maximumLineLength = 200
        let deadline = ContinuousClock.now + .seconds(10)
        var rounds = 0
        var errors = 0
        while rounds < 20_000 && ContinuousClock.now < deadline {
            var input = randomValue(depth: 3, &random).encoded
            // Flip, drop or insert a few bytes, or start from noise.
            if Int.random(in: 0..<10, using: &random) == 0 {
                input = (0..<Int.random(in: 1..<64, using: &random)).map { _ in
                    UInt8.random(in: 0...255, using: &random)
                }
            }
            for _ in 0..<Int.random(in: 1...3, using: &random) where !input.isEmpty {
                let index = Int.random(in: 0..<input.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: input[index] = UInt8.random(in: 0...255, using: &random)
                case 1: input.remove(at: index)
                default: input.insert(UInt8.random(in: 0...255, using: &random), at: index)
                }
            }
            var parser = RESPParser(limits: limits)
            parser.append(input)
            var steps = 0
            do {
                while case .value = try parser.next() {
                    steps += 1
                    if steps > input.count { break }  // each value takes at least 3 bytes
                }
            } catch {
                errors += 1
            }
            #expect(steps <= input.count / 3 + 1)
            rounds += 1
        }
        #expect(rounds >= 1000, "only \(rounds) rounds ran in the time")
        #expect(errors > rounds / 4, "damage should usually be caught: \(errors) of \(rounds)")
    }
}
