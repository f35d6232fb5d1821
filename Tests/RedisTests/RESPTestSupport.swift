import Redis
import Testing

/// The bytes of `text`, with `\r\n` written as such in the literal.
func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Parses `input` fed in one piece, and returns every value and whether bytes remain.
func parseAll(
    _ input: [UInt8],
    limits: RESPParser.Limits = RESPParser.Limits()
) throws(RESPParseError) -> [RESPValue] {
    var parser = RESPParser(limits: limits)
    parser.append(input)
    var values: [RESPValue] = []
    while case .value(let value) = try parser.next() { values.append(value) }
    return values
}

/// Parses `input` fed in the pieces that `cuts` (offsets, in order) make.
func parse(
    _ input: [UInt8],
    cutAt cuts: [Int],
    limits: RESPParser.Limits = RESPParser.Limits()
) throws(RESPParseError) -> [RESPValue] {
    var parser = RESPParser(limits: limits)
    var values: [RESPValue] = []
    var start = 0
    for end in cuts + [input.count] where end >= start {
        parser.append(Array(input[start..<end]))
        start = end
        while case .value(let value) = try parser.next() { values.append(value) }
    }
    return values
}

/// Checks that `input` gives `expected` whole, byte by byte, and cut in two at every
/// offset: the parser must not care where TCP cut the stream.
func expectSameAtEverySplit(
    _ input: [UInt8],
    _ expected: [RESPValue],
    limits: RESPParser.Limits = RESPParser.Limits(),
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    #expect(try parseAll(input, limits: limits) == expected, sourceLocation: sourceLocation)
    #expect(
        try parse(input, cutAt: Array(0..<input.count), limits: limits) == expected,
        "fed one byte at a time",
        sourceLocation: sourceLocation
    )
    for cut in 0...input.count {
        let values = try parse(input, cutAt: [cut], limits: limits)
        if values != expected {
            Issue.record("cut at byte \(cut): \(values)", sourceLocation: sourceLocation)
            return
        }
    }
}
