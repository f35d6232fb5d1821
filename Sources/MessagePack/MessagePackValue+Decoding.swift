extension MessagePackValue {
    /// Decodes one MessagePack value from its bytes.
    ///
    /// Exactly one value: bytes after it are an error, as in notepack.io. Every format of
    /// the spec is read; integers become ``int(_:)`` unless they only fit `UInt64`;
    /// strings must be UTF-8.
    ///
    /// - Parameters:
    ///   - bytes: The value's bytes.
    ///   - options: The limits; by default, nesting up to 512 deep and 1 MiB of input.
    /// - Throws: ``MessagePackDecodingError`` with the byte offset of the first problem.
    public init(
        decoding bytes: UnsafeBufferPointer<UInt8>,
        options: MessagePackDecodingOptions = .init()
    ) throws(MessagePackDecodingError) {
        guard bytes.count <= options.maximumInputSize else {
            throw .inputTooLarge(size: bytes.count, limit: options.maximumInputSize)
        }
        var reader = MessagePackReader(input: bytes, maximumDepth: options.maximumDepth)
        self = try reader.readValue()
        guard reader.index == bytes.count else {
            throw .trailingBytes(count: bytes.count - reader.index, offset: reader.index)
        }
    }

    /// Decodes one MessagePack value from raw bytes, such as `Data`'s.
    ///
    /// - Parameters:
    ///   - bytes: The value's bytes.
    ///   - options: The limits.
    /// - Throws: ``MessagePackDecodingError``.
    public init(
        decoding bytes: UnsafeRawBufferPointer,
        options: MessagePackDecodingOptions = .init()
    ) throws(MessagePackDecodingError) {
        self = try bytes.withMemoryRebound(to: UInt8.self) {
            (buffer) throws(MessagePackDecodingError) in
            try MessagePackValue(decoding: buffer, options: options)
        }
    }

    /// Decodes one MessagePack value from an array of bytes.
    ///
    /// - Parameters:
    ///   - bytes: The value's bytes.
    ///   - options: The limits.
    /// - Throws: ``MessagePackDecodingError``; offsets count from the array's first byte.
    public init(decoding bytes: [UInt8], options: MessagePackDecodingOptions = .init())
        throws(MessagePackDecodingError)
    {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(MessagePackDecodingError) in
            try MessagePackValue(decoding: buffer, options: options)
        }
    }

    /// Decodes one MessagePack value from a slice of bytes, such as an Engine.IO binary
    /// message's payload.
    ///
    /// - Parameters:
    ///   - bytes: The value's bytes.
    ///   - options: The limits.
    /// - Throws: ``MessagePackDecodingError``; offsets count from the slice's first byte.
    public init(decoding bytes: ArraySlice<UInt8>, options: MessagePackDecodingOptions = .init())
        throws(MessagePackDecodingError)
    {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(MessagePackDecodingError) in
            try MessagePackValue(decoding: buffer, options: options)
        }
    }
}
