/// What a `Range` field asks of a representation of known size (RFC 9110 §14).
public enum ByteRangeRequest: Hashable, Sendable {
    /// Send everything (no `Range`, or one we ignore, as §14.2 allows).
    case whole
    /// Send these bytes, with `206 Partial Content`.
    case partial(ClosedRange<Int>)
    /// Nothing asked for exists: `416 Range Not Satisfiable`.
    case unsatisfiable

    /// Interprets `bytes=first-last`, `bytes=first-` or `bytes=-suffixLength`.
    ///
    /// Only a single range is served; a request for several gets the whole
    /// representation, which RFC 9110 §14.2 permits (and which avoids the
    /// `multipart/byteranges` format). A field we cannot parse is ignored the same way.
    ///
    /// - Parameters:
    ///   - field: The `Range` field's value.
    ///   - size: The representation's size in bytes.
    /// - Returns: What to send.
    public static func parse(_ field: String, size: Int) -> ByteRangeRequest {
        guard field.hasPrefix("bytes="), !field.contains(",") else { return .whole }
        let spec = field.dropFirst("bytes=".count).trimmingCharacters(in: " \t")
        let parts = spec.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2 else { return .whole }
        let digits = { (text: Substring) -> Int? in
            text.isEmpty || !text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) || text.count > 18
                ? nil : Int(text)
        }
        if parts[0].isEmpty {
            // A suffix: the last n bytes.
            guard let length = digits(parts[1]) else { return .whole }
            guard length > 0, size > 0 else { return .unsatisfiable }
            return .partial(max(0, size - length)...(size - 1))
        }
        guard let first = digits(parts[0]) else { return .whole }
        let last: Int
        if parts[1].isEmpty {
            last = size - 1
        } else {
            guard let given = digits(parts[1]), given >= first else { return .whole }
            last = min(given, size - 1)
        }
        guard first < size else { return .unsatisfiable }
        return .partial(first...last)
    }
}

extension StringProtocol {
    /// The text without leading and trailing characters from `set`.
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        let text = Substring(self)
        guard let start = text.firstIndex(where: { !set.contains($0) }) else { return "" }
        guard let end = text.lastIndex(where: { !set.contains($0) }) else { return "" }
        return text[start...end]
    }
}
