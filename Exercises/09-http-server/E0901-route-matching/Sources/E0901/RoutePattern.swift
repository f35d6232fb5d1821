// Exercise 9.1: matching a path against a route pattern.
// Read the task in ../../README.md; check it with `swift run grade 9.1`.

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
    /// - Throws: Nothing once written (the library's version does not throw); the starter
    ///   throws ``Unimplemented``.
    public func match(_ path: String) throws -> [String: String]? {
        // TODO(E0901): the path must start with "/". Take its segments one by one (up to
        // the next "/"), against the pattern's: a literal must equal the raw segment or
        // its decoding; a parameter or `*` needs a non-empty segment (a parameter is
        // decoded with PercentEncoding.decode, nil if that fails); `**` takes the rest.
        // Path and pattern must end together, unless only `**` is left.
        throw Unimplemented("E0901: RoutePattern.match(_:)")
    }
}
