extension RESPParser {
    /// How much a reply may hold before the parser refuses it.
    ///
    /// A RESP header announces a length before the bytes arrive: `$1000000000` promises a
    /// gigabyte, `*1000000000` a billion elements. A parser that believed it would reserve
    /// that much memory for a peer that never sends it; one without limits would let a
    /// broken or hostile server (or a `KEYS *` on a huge database) grow the client without
    /// end. Each limit is checked as soon as the header is read, before anything is kept.
    public struct Limits: Hashable, Sendable {
        /// The longest bulk string, bulk error or verbatim string, in bytes.
        ///
        /// Redis itself refuses larger values by default (`proto-max-bulk-len`, 512 MiB);
        /// 64 MiB is far above what a message bus or a cache entry should hold.
        public var maximumBulkLength = 64 * 1024 * 1024
        /// The most elements in one array, set or push, or pairs in one map or attribute.
        public var maximumAggregateLength = 1024 * 1024
        /// How deep aggregates may nest; Redis's own replies nest a few levels at most.
        public var maximumDepth = 32
        /// The longest line (a simple string, an error, a number), CR LF excluded.
        public var maximumLineLength = 64 * 1024
        /// The most bytes one reply may take on the wire, everything nested in it included.
        public var maximumReplySize = 256 * 1024 * 1024

        /// The defaults.
        public init() {}
    }
}
