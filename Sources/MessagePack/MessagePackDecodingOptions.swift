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
    /// A decoded value takes more memory than its bytes: each element becomes a 24-byte
    /// ``MessagePackValue``, and each array and map a heap allocation of its own. Measured
    /// in a release build, an array of `nil`s takes 24 times its input in memory, an array
    /// of one-element arrays (`91 c0`, two bytes for an allocation) about 40 times, an
    /// array of `[[nil]]` about 46. So the input's size bounds what decoding costs, and
    /// this limit is that bound: 1 MiB by default, a little more than Socket.IO's own
    /// default for a message (`maxHttpBufferSize`, 1,000,000 bytes), so that whatever
    /// Engine.IO lets through decodes, at a worst case of about 50 MB.
    public var maximumInputSize: Int

    /// Options with the given limits.
    ///
    /// - Parameters:
    ///   - maximumDepth: The deepest nesting accepted; 512 by default.
    ///   - maximumInputSize: The largest input accepted, in bytes; 1 MiB by default.
    public init(maximumDepth: Int = 512, maximumInputSize: Int = 1 << 20) {
        self.maximumDepth = maximumDepth
        self.maximumInputSize = maximumInputSize
    }
}
