/// The parser's limits.
public struct JSONParseOptions: Sendable, Equatable {
    /// The deepest nesting of arrays and objects accepted; `[[1]]` is 2 deep.
    ///
    /// The parser is recursive: each level of nesting is a call, and each call takes a
    /// little of the thread's stack. Without a limit, `[[[[…` a megabyte long would
    /// overflow the stack and crash the process, taking every connection with it. With
    /// one it is an error like any other (``JSONParseError/tooDeep(limit:offset:)``).
    /// Real payloads are a few levels deep; 512 is generous. A level costs well under
    /// 1 KiB of stack, so keep the limit in the thousands at most: a thread of Swift's
    /// concurrency pool may have as little as 512 KiB.
    public var maximumDepth: Int

    /// Options with the given limits.
    ///
    /// - Parameter maximumDepth: The deepest nesting accepted; 512 by default.
    public init(maximumDepth: Int = 512) {
        self.maximumDepth = maximumDepth
    }
}
