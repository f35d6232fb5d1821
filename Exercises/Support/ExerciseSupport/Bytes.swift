/// Describes bytes for a failure message: how many, and what they look like.
///
/// Wire tests say what they sent and what came back, because "expected true" tells a
/// learner nothing about a lost byte. Printable ASCII is shown as a Swift string literal
/// (`6 bytes "hello\n"`); anything else in hex. Long payloads show their start only.
///
/// - Parameters:
///   - bytes: The bytes.
///   - limit: How many bytes to show at most.
/// - Returns: Such as `6 bytes "hello\n"` or `3 bytes [01 ff 7f]`.
public func describeBytes(_ bytes: some Collection<UInt8>, limit: Int = 48) -> String {
    if bytes.isEmpty { return "0 bytes" }
    let count = bytes.count == 1 ? "1 byte" : "\(bytes.count) bytes"
    let start = Array(bytes.prefix(limit))
    let isText = start.allSatisfy {
        (0x20..<0x7F).contains($0) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09
    }
    if isText {
        let more = bytes.count > start.count ? "…" : ""
        return "\(count) \(String(decoding: start, as: UTF8.self).debugDescription)\(more)"
    }
    // Hex takes three characters a byte: show a third as many.
    let shown = start.prefix(max(1, limit / 3))
    let more = bytes.count > shown.count ? "…" : ""
    let hex = shown.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
    return "\(count) [\(hex.joined(separator: " "))\(more)]"
}

/// Where two byte sequences first differ, for messages about a payload that came back
/// changed: `first difference at byte 65536 (sent 65, received 0)`.
///
/// - Parameters:
///   - sent: What was sent.
///   - received: What came back.
/// - Returns: A description, or `"identical"`.
public func firstDifference(_ sent: [UInt8], _ received: [UInt8]) -> String {
    for index in 0..<min(sent.count, received.count) where sent[index] != received[index] {
        return
            "first difference at byte \(index) (sent \(sent[index]), received \(received[index]))"
    }
    if sent.count == received.count { return "identical" }
    return "received \(received.count) of \(sent.count) bytes; the rest never came"
}

/// Bytes that print as `6 bytes "hello\n"` in a failed expectation, however many they are.
///
/// Compared as plain arrays, a failed `#expect(received == sent)` prints every byte in
/// decimal, a megabyte of digits for a megabyte payload. Wrapped, it prints the count and
/// the start: `#expect(Bytes(received) == Bytes(sent))`.
public struct Bytes: Equatable, Sendable, CustomStringConvertible {
    /// The bytes.
    public let bytes: [UInt8]

    /// Wraps `bytes`.
    ///
    /// - Parameter bytes: The bytes.
    public init(_ bytes: some Sequence<UInt8>) {
        self.bytes = Array(bytes)
    }

    /// Wraps the UTF-8 bytes of `text`.
    ///
    /// - Parameter text: The text.
    public init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// What ``describeBytes(_:limit:)`` says.
    public var description: String { describeBytes(bytes) }
}
