import HTTP

/// Finds where a message head (or a trailer section) ends, a piece at a time, and
/// enforces the size limits while it looks.
///
/// The reference version of exercise 8.2's scanner, a public copy of the library's
/// internal `HeadScanner` (Sources/HTTP/HeadScanner.swift). Exercise 8.3 uses it for the
/// trailer section of a chunked body, so that 8.3 does not depend on your 8.2.
public struct HeadScanner: Sendable {
    /// The limits the scanner enforces.
    public struct Limits: Sendable {
        /// The longest request-target; the start line may be 64 bytes longer.
        public var maximumTargetLength: Int
        /// The most bytes of field lines, counted from after the start line.
        public var maximumFieldBytes: Int
        /// The most field lines.
        public var maximumFieldCount: Int

        /// Limits.
        ///
        /// - Parameters:
        ///   - maximumTargetLength: The longest request-target.
        ///   - maximumFieldBytes: The most bytes of field lines.
        ///   - maximumFieldCount: The most field lines.
        public init(maximumTargetLength: Int, maximumFieldBytes: Int, maximumFieldCount: Int) {
            self.maximumTargetLength = maximumTargetLength
            self.maximumFieldBytes = maximumFieldBytes
            self.maximumFieldCount = maximumFieldCount
        }
    }

    /// `true` for a head (start line first), `false` for a trailer section.
    public let hasStartLine: Bool
    private var scanned = 0
    private var lineStart = 0
    private var fieldsStart: Int?
    private var fieldLines = 0

    /// A scanner at the beginning of a head or a trailer section.
    ///
    /// - Parameter hasStartLine: `true` for a head, `false` for trailers.
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
    ///   - bytes: The unparsed input, starting at the head's first byte.
    ///   - limits: The limits to enforce.
    /// - Returns: The head's length including the final CR LF, or `nil` if it is not
    ///   complete yet.
    /// - Throws: ``HTTPParseError`` for a bare LF or a limit crossed.
    public mutating func scan(
        _ bytes: UnsafeBufferPointer<UInt8>,
        limits: Limits
    ) throws(HTTPParseError) -> Int? {
        while scanned < bytes.count {
            guard let lineFeed = bytes[scanned...].firstIndex(of: HTTPSyntax.lineFeed) else {
                scanned = bytes.count
                break
            }
            guard lineFeed > lineStart, bytes[lineFeed - 1] == HTTPSyntax.carriageReturn else {
                throw .badLineEnding
            }
            let lineEnd = lineFeed - 1
            scanned = lineFeed + 1
            if lineEnd == lineStart && fieldsStart != nil { return scanned }
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
                let line = bytes[lineStart..<scanned]
                if line.contains(HTTPSyntax.space) {
                    throw .targetTooLong(limit: limits.maximumTargetLength)
                }
                throw .badRequestLine(String(decoding: line.prefix(64), as: UTF8.self))
            }
        } else {
            try checkFieldBytes(upTo: scanned, limits: limits)
        }
        return nil
    }

    private func checkFieldBytes(upTo end: Int, limits: Limits) throws(HTTPParseError) {
        if let fieldsStart, end - fieldsStart > limits.maximumFieldBytes {
            throw .headersTooLarge(limit: limits.maximumFieldBytes)
        }
    }
}
