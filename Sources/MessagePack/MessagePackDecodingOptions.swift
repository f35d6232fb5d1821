/// The decoder's limits.
///
/// MessagePack comes from peers, and a peer may send anything. The format itself keeps a
/// decoder honest in one way: every value takes at least one byte, so an array that says it
/// has a million elements in a ten-byte message is refused at once, before anything is
/// allocated for it (see ``MessagePackDecodingError/lengthBeyondInput(_:length:available:offset:)``).
/// The two limits here cover the rest.
public struct MessagePackDecodingOptions: Sendable, Equatable {
    /// The deepest nesting of arrays and maps accepted; `[[1]]` is 2 deep.
    ///
    /// The decoder keeps the containers it is inside on a stack of its own, so nesting
    /// costs it memory, not call stack; but a decoded value is then written, compared and
    /// finally freed, and each of those recurses once per level. Without a limit, a
    /// megabyte of `91 91 91 …` (an array holding an array holding …) would overflow a
    /// thread's stack in one of them. 512, as for JSON (`JSONParseOptions` in the JSON
    /// module) and Foundation; real packets are a few levels deep.
    public var maximumDepth: Int

    /// The largest input accepted, in bytes.
    ///
    /// A decoded value takes more memory than its bytes (a 1-byte `nil` becomes a value of
    /// 24 bytes or so in an array), so the input's size bounds what decoding costs. The
    /// transport usually refuses a large message first (Engine.IO's `maxPayload`, 1 MB
    /// by default); this limit holds when the decoder is used on its own. 16 MiB by
    /// default.
    public var maximumInputSize: Int

    /// Options with the given limits.
    ///
    /// - Parameters:
    ///   - maximumDepth: The deepest nesting accepted; 512 by default.
    ///   - maximumInputSize: The largest input accepted, in bytes; 16 MiB by default.
    public init(maximumDepth: Int = 512, maximumInputSize: Int = 16 << 20) {
        self.maximumDepth = maximumDepth
        self.maximumInputSize = maximumInputSize
    }
}
