/// `%XX` escapes in URLs (RFC 3986 §2.1) and `+` in HTML form data.
///
/// A URL can only carry a limited set of ASCII characters; anything else (a space, `é`,
/// a `/` that is *not* a path separator) travels as `%` and two hex digits per byte.
/// Decoding gives bytes, which must then be valid UTF-8 to be a `String`.
public enum PercentEncoding {
    /// Decodes every `%XX` escape in `text`, and `+` as a space if `plusIsSpace`.
    ///
    /// - Parameters:
    ///   - text: Encoded text, such as `caf%C3%A9`.
    ///   - plusIsSpace: `true` for `application/x-www-form-urlencoded` data and queries.
    /// - Returns: The decoded text, or `nil` if an escape is malformed (`%G1`, `%4`) or
    ///   the bytes are not UTF-8.
    public static func decode<Text: StringProtocol>(_ text: Text, plusIsSpace: Bool = false)
        -> String?
    {
        let utf8 = text.utf8
        guard
            utf8.contains(where: {
                $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+"))
            })
        else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            index = utf8.index(after: index)
            if byte == UInt8(ascii: "+") && plusIsSpace {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%") {
                guard index != utf8.endIndex, let high = hexValue(utf8[index]) else { return nil }
                index = utf8.index(after: index)
                guard index != utf8.endIndex, let low = hexValue(utf8[index]) else { return nil }
                index = utf8.index(after: index)
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Encodes every byte of `text` outside RFC 3986's unreserved set as `%XX`.
    ///
    /// - Parameter text: Any text.
    /// - Returns: Text safe in a path segment or a query value.
    public static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".utf8)
                result += "%"
                result.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
                result.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 0xF)]))
            }
        }
        return result
    }

    /// The value of one hex digit, or `nil`.
    ///
    /// - Parameter byte: An ASCII byte.
    /// - Returns: `0...15`, or `nil` if it is not a hex digit.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// The `name=value&name=value` pairs of a query or of a form body, decoded.
///
/// Names may repeat (`tag=a&tag=b`), so this keeps every pair in order, like
/// ``HTTPHeaders`` does for fields. Pairs with a malformed escape are skipped.
public struct HTTPQuery: Hashable, Sendable, Sequence {
    /// The pairs, in order.
    public private(set) var items: [(name: String, value: String)]

    /// Parses `a=1&b=two+words&c`: a missing `=` gives an empty value.
    ///
    /// - Parameter text: The encoded query (without `?`) or form body.
    public init(parsing text: String) {
        items = []
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = PercentEncoding.decode(parts[0], plusIsSpace: true),
                let value = PercentEncoding.decode(
                    parts.count > 1 ? parts[1] : "",
                    plusIsSpace: true
                )
            else { continue }
            items.append((name, value))
        }
    }

    /// The first value for `name`, or `nil`.
    ///
    /// - Parameter name: A name, compared exactly.
    public subscript(name: String) -> String? {
        items.first { $0.name == name }?.value
    }

    /// Every value for `name`, in order.
    ///
    /// - Parameter name: A name.
    /// - Returns: The values.
    public func values(for name: String) -> [String] {
        items.filter { $0.name == name }.map(\.value)
    }

    /// The pairs, in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        items.makeIterator()
    }

    /// Whether two queries have the same pairs in the same order.
    public static func == (lhs: HTTPQuery, rhs: HTTPQuery) -> Bool {
        lhs.items.elementsEqual(rhs.items) { $0.name == $1.name && $0.value == $1.value }
    }

    /// Hashes the pairs.
    public func hash(into hasher: inout Hasher) {
        for item in items {
            hasher.combine(item.name)
            hasher.combine(item.value)
        }
    }
}
