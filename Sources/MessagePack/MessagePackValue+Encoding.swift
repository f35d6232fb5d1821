extension MessagePackValue {
    /// The value as MessagePack bytes, each part in its shortest format.
    ///
    /// Writing recurses once per level of arrays and maps: a value nested tens of thousands
    /// deep, built in code, can exhaust the stack. Decoded values are never deeper than the
    /// decoder's limit.
    ///
    /// - Parameter options: Choices such as ``MessagePackEncodingOptions/notepack``; by
    ///   default each case keeps its own format.
    /// - Returns: The bytes.
    public func encoded(options: MessagePackEncodingOptions = .init()) -> [UInt8] {
        var writer = MessagePackWriter(options: options)
        writer.write(self)
        return writer.bytes
    }

    /// Appends the value as MessagePack bytes to `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: Where to append.
    ///   - options: Choices such as ``MessagePackEncodingOptions/notepack``.
    public func write(to bytes: inout [UInt8], options: MessagePackEncodingOptions = .init()) {
        var writer = MessagePackWriter(bytes: bytes, options: options)
        bytes = []  // the writer holds the only reference, so appending does not copy
        writer.write(self)
        bytes = writer.bytes
    }
}
