// Exercise 9.1, solved: matching a path against a route pattern.
// The library's version is Sources/HTTP/RoutePattern.swift.

import ExerciseSupport
import HTTP

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
    /// One segment of a pattern.
    public enum Segment: Hashable, Sendable {
        /// Matches this text (the path's segment decoded).
        case literal(String)
        /// `:name`: matches any non-empty segment and captures it.
        case parameter(String)
        /// `*`: matches any non-empty segment.
        case wildcard
        /// `**`: matches the rest of the path.
        case rest
    }

    /// The pattern's segments, in order: `/users/:id` is `[.literal("users"), .parameter("id")]`.
    public let segments: [Segment]
    /// The pattern as written.
    public let description: String

    /// Parses a pattern (given).
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
    }

    /// Matches an encoded path; returns the captured parameters, or `nil` if it does not
    /// match.
    ///
    /// The library walks the path with an index, one segment at a time, without splitting
    /// it into an array first: matching runs for every request, and most routes fail on
    /// their first segment.
    ///
    /// - Parameter path: A request's path, still percent-encoded, starting with `/`.
    /// - Returns: The parameters (empty for a pattern without any), or `nil`.
    /// - Throws: Nothing (the starter threw ``Unimplemented``).
    public func match(_ path: String) throws -> [String: String]? {
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

    private func finishRest(_ parameters: [String: String], remaining: Int) -> [String: String] {
        var parameters = parameters
        if remaining > 0 { parameters["**"] = "" }
        return parameters
    }
}
