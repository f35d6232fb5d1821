// Exercise 8.2 (2 of 2): where a head ends, and its limits.
// Read the task in ../../README.md; check it with `swift run grade 8.2`.

import ExerciseSupport
import HTTP
import HTTPExerciseSupport

/// Finds where a message head (or a trailer section) ends, a piece at a time, and
/// enforces the size limits while it looks.
///
/// A head is a start line, field lines, and an empty line, each ending in CR LF
/// (RFC 9112 §2.1). Parsing only starts once the empty line has arrived; until then the
/// scanner remembers how far it has looked, so bytes that arrive one at a time are each
/// looked at once, not once per arrival. It refuses early: a head that has already
/// grown past a limit is an error now, not after the attacker has sent the rest.
public struct HeadScanner: Sendable {
    /// The limits the scanner enforces.
    public struct Limits: Sendable {
        /// The longest request-target; the start line may be 64 bytes longer (method,
        /// version, spaces).
        public var maximumTargetLength: Int
        /// The most bytes of field lines, counted from after the start line.
        public var maximumFieldBytes: Int
        /// The most field lines.
        public var maximumFieldCount: Int

        /// Limits.
        ///
        /// - Parameters:
        ///   - maximumTargetLength: The longest request-target.
        ///   - maximumFieldBytes: The most bytes of field lines, CR LFs included.
        ///   - maximumFieldCount: The most field lines.
        public init(maximumTargetLength: Int, maximumFieldBytes: Int, maximumFieldCount: Int) {
            self.maximumTargetLength = maximumTargetLength
            self.maximumFieldBytes = maximumFieldBytes
            self.maximumFieldCount = maximumFieldCount
        }
    }

    /// `true` for a head (start line first), `false` for a trailer section.
    public let hasStartLine: Bool
    private var scanned = 0  // bytes looked at so far
    private var lineStart = 0  // where the current line starts
    private var fieldsStart: Int?  // where the field lines start, once known
    private var fieldLines = 0  // complete field lines seen

    /// A scanner at the beginning of a head or a trailer section.
    ///
    /// - Parameter hasStartLine: `true` for a head, `false` for trailers (no start line).
    public init(hasStartLine: Bool) {
        self.hasStartLine = hasStartLine
        if !hasStartLine { fieldsStart = 0 }
    }

    /// Where the start line ends (the offset of its CR), once it has been seen.
    public private(set) var startLineEnd: Int?

    /// Whether any byte of the head has been looked at.
    public var hasStarted: Bool { scanned > 0 }

    /// Looks at the bytes not yet scanned.
    ///
    /// - Parameters:
    ///   - bytes: The unparsed input, starting at the head's first byte; each call gets
    ///     the same bytes as the last one, and perhaps more.
    ///   - limits: The limits to enforce.
    /// - Returns: The head's length including the final CR LF, or `nil` if it is not
    ///   complete yet.
    /// - Throws: `HTTPParseError`: `.badLineEnding`, `.tooManyHeaders`, `.headersTooLarge`,
    ///   `.targetTooLong` or `.badRequestLine`. The starter throws ``Unimplemented``.
    public mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>,
        limits: Limits
    ) throws -> Int? {
        // TODO(E0802): from `scanned` on, find each LF: it must follow a CR that belongs
        // to this line; an empty line after the start line ends the head (return its
        // length). The first line is the start line (`startLineEnd`, `fieldsStart`); count
        // the others against the limits. A start line still unfinished past
        // maximumTargetLength + 64 bytes is refused at once, and so are field bytes.
        throw Unimplemented("E0802: HeadScanner.scan(_:limits:)")
    }

    /// Throws if the field lines, from their start up to `end`, are over the byte limit.
    private func checkFieldBytes(upTo end: Int, limits: Limits) throws(HTTPParseError) {
        if let fieldsStart, end - fieldsStart > limits.maximumFieldBytes {
            throw .headersTooLarge(limit: limits.maximumFieldBytes)
        }
    }
}
