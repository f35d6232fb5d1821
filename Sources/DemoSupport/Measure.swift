// Timing for the benchmark programs (json-bench, msgpack-bench): run an operation for a
// while, count how many times it ran, and print the figures in columns.

/// How often `body` ran per second, over about `duration` after a short warm-up.
///
/// The operation runs in batches so that reading the clock costs little even when one
/// run takes a microsecond. `body` returns a number that is summed and printed at the
/// end, so that the optimizer cannot drop the work.
public func operationsPerSecond(
    for duration: Duration,
    checksum: inout Int,
    _ body: () throws -> Int
) rethrows -> Double {
    let clock = ContinuousClock()
    // Warm up, and find a batch size that takes about a millisecond.
    var batch = 1
    while true {
        let start = clock.now
        for _ in 0..<batch { checksum &+= try body() }
        if clock.now - start > .milliseconds(1) || batch >= 1 << 20 { break }
        batch *= 2
    }
    var count = 0
    let start = clock.now
    let deadline = start + duration
    repeat {
        for _ in 0..<batch { checksum &+= try body() }
        count += batch
    } while clock.now < deadline
    let elapsed = clock.now - start
    let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    return Double(count) / seconds
}

/// The middle value (the mean of the two middle ones for an even count).
public func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// `1234567.8` as `1,234,568`.
public func grouped(_ value: Double) -> String {
    let digits = String(Int(value.rounded()))
    var result = ""
    for (index, character) in digits.reversed().enumerated() {
        if index > 0 && index % 3 == 0 { result.append(",") }
        result.append(character)
    }
    return String(result.reversed())
}

/// `text` padded with spaces to `width` characters (left-aligned), or right-aligned.
public func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
    let padding = String(repeating: " ", count: max(0, width - text.count))
    return right ? padding + text : text + padding
}
