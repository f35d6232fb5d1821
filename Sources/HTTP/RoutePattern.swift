/// A path pattern such as `/users/:id` or `/files/**`, matched segment by segment.
///
/// - A literal segment (`users`) matches itself, after percent-decoding.
/// - `:name` matches any one non-empty segment and captures it, decoded, as `name`.
/// - `*` matches any one non-empty segment.
/// - `**`, last, matches the rest of the path (even nothing) and captures it as `**`.
///
/// Segments are split on the *encoded* path and decoded one by one, so `%2F` inside a
/// segment stays part of that segment instead of becoming a separator.
public struct RoutePattern: Hashable, Sendable, CustomStringConvertible {
    enum Segment: Hashable, Sendable {
        case literal(String)
        case parameter(String)
        case wildcard
        case rest
    }

    let segments: [Segment]
    /// The pattern as written.
    public let description: String

    /// Parses a pattern.
    ///
    /// - Parameter pattern: Such as `/users/:id/posts/*` or `/static/**`.
    public init(_ pattern: String) {
        description = pattern
        segments = pattern.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            segment -> Segment in
            if segment == "**" { return .rest }
            if segment == "*" { return .wildcard }
            if segment.hasPrefix(":") { return .parameter(String(segment.dropFirst())) }
            return .literal(String(segment))
        }
        // A pattern is written by the programmer, not received: a malformed one is a bug.
        precondition(
            !segments.dropLast().contains(.rest),
            "`**` must be the last segment of a route pattern: \(pattern)"
        )
    }

    // snippet: route-matching
    /// Matches an encoded path; returns the captured parameters, or `nil` if it does not
    /// match.
    ///
    /// The path is walked with an index, one segment at a time, without splitting it into
    /// an array first: matching runs for every request, and most routes fail on their
    /// first segment.
    ///
    /// - Parameter path: A request's path, still percent-encoded, starting with `/`.
    /// - Returns: The parameters (empty for a pattern without any), or `nil`.
    public func match(_ path: String) -> [String: String]? {
        let bytes = path.utf8
        guard bytes.first == UInt8(ascii: "/") else { return nil }
        var parameters: [String: String] = [:]
        var start = bytes.index(after: bytes.startIndex)
        for (position, segment) in segments.enumerated() {
            if case .rest = segment {
                guard let rest = PercentEncoding.decode(path[start...]) else { return nil }
                parameters["**"] = rest
                return parameters
            }
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "/")) ?? bytes.endIndex
            let raw = path[start..<end]
            switch segment {
            case .literal(let literal):
                if raw != literal {
                    guard PercentEncoding.decode(raw) == literal else { return nil }
                }
            case .parameter(let name):
                guard !raw.isEmpty, let value = PercentEncoding.decode(raw) else { return nil }
                parameters[name] = value
            case .wildcard:
                guard !raw.isEmpty else { return nil }
            case .rest:
                break
            }
            guard end < bytes.endIndex else {
                // The path ended: the pattern must end here too (or only `**` remain).
                return position == segments.count - 1 || segments[position + 1] == .rest
                    ? finishRest(parameters, remaining: segments.count - position - 1)
                    : nil
            }
            start = bytes.index(after: end)
        }
        return nil  // the path has more segments than the pattern
    }
    // end-snippet

    private func finishRest(_ parameters: [String: String], remaining: Int) -> [String: String] {
        var parameters = parameters
        if remaining > 0 { parameters["**"] = "" }
        return parameters
    }
}
