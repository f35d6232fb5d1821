/// The parser's limits.
public struct JSONParseOptions: Sendable, Equatable {
    /// The deepest nesting of arrays and objects accepted; `[[1]]` is 2 deep.
    ///
    /// The parser itself keeps the containers it is inside on a stack of its own, so
    /// nesting costs it memory, not call stack. But a parsed value is then written,
    /// compared, decoded and finally freed, and each of those walks it recursively, a few
    /// hundred bytes of the thread's stack per level (measured: writing 64 bytes per level
    /// in a release build and 340 in a debug build, freeing 150 and 210). Without a limit,
    /// `[[[[…` a megabyte long would overflow a thread's stack in one of those and crash
    /// the process, taking every connection with it. With one, it is an error like any
    /// other (``JSONParseError/tooDeep(limit:offset:)``). Real payloads are a few levels
    /// deep; 512 is generous, and is Foundation's limit too. Threads of Swift's
    /// concurrency pool may have as little as 512 KiB of stack: keep the limit in the
    /// low thousands at most.
    public var maximumDepth: Int

    /// Options with the given limits.
    ///
    /// - Parameter maximumDepth: The deepest nesting accepted; 512 by default.
    public init(maximumDepth: Int = 512) {
        self.maximumDepth = maximumDepth
    }
}
