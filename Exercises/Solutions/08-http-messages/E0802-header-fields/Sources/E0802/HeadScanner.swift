// Exercise 8.2, solved (2 of 2): where a head ends, and its limits.
// The library's version is Sources/HTTP/HeadScanner.swift.

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
    ///   `.targetTooLong` or `.badRequestLine`.
    public mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>,
        limits: Limits
    ) throws(HTTPParseError) -> Int? {
        while scanned < bytes.count {
            guard let lineFeed = bytes[scanned...].firstIndex(of: HTTPSyntax.lineFeed) else {
                scanned = bytes.count
                break
            }
            // RFC 9112 §2.2: every line ends in CR LF; we do not accept a bare LF.
            guard lineFeed > lineStart, bytes[lineFeed - 1] == HTTPSyntax.carriageReturn else {
                throw .badLineEnding
            }
            let lineEnd = lineFeed - 1
            scanned = lineFeed + 1
            if lineEnd == lineStart && fieldsStart != nil { return scanned }  // the empty line
            if fieldsStart == nil {
                startLineEnd = lineEnd
                fieldsStart = scanned
            } else {
                fieldLines += 1
                if fieldLines > limits.maximumFieldCount {
                    throw .tooManyHeaders(limit: limits.maximumFieldCount)
                }
            }
            lineStart = scanned
            try checkFieldBytes(upTo: scanned, limits: limits)
        }
        if fieldsStart == nil {
            if scanned - lineStart > limits.maximumTargetLength + 64 {
                // A request line this long is a giant target if it has a space, else junk.
                let line = bytes[lineStart..<scanned]
                if line.contains(HTTPSyntax.space) {
                    throw .targetTooLong(limit: limits.maximumTargetLength)
                }
                throw .badRequestLine(HTTPSyntax.text(line.prefix(64)))
            }
        } else {
            try checkFieldBytes(upTo: scanned, limits: limits)
        }
        return nil
    }

    /// Throws if the field lines, from their start up to `end`, are over the byte limit.
    private func checkFieldBytes(upTo end: Int, limits: Limits) throws(HTTPParseError) {
        if let fieldsStart, end - fieldsStart > limits.maximumFieldBytes {
            throw .headersTooLarge(limit: limits.maximumFieldBytes)
        }
    }
}
