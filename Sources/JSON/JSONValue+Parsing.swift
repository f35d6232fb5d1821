extension JSONValue {
    /// Parses a JSON text from its UTF-8 bytes (RFC 8259).
    ///
    /// Exactly one value, with optional whitespace around it; anything after it is an
    /// error. No byte order mark (§8.1 lets a parser refuse one, and `JSON.parse` does).
    ///
    /// - Parameters:
    ///   - bytes: The text, UTF-8.
    ///   - options: The limits; by default, nesting up to 512 deep.
    /// - Throws: ``JSONParseError`` with the byte offset of the first problem.
    public init(parsing bytes: UnsafeBufferPointer<UInt8>, options: JSONParseOptions = .init())
        throws(JSONParseError)
    {
        var parser = JSONParser(stringDecoder: StringLiteralDecoder(), options: options)
        self = try parser.parse(bytes)
    }

    /// Parses a JSON text from raw bytes; see ``init(parsing:options:)-(UnsafeBufferPointer<UInt8>,_)``.
    ///
    /// - Parameters:
    ///   - bytes: The text, UTF-8.
    ///   - options: The limits.
    /// - Throws: ``JSONParseError``.
    public init(parsing bytes: UnsafeRawBufferPointer, options: JSONParseOptions = .init())
        throws(JSONParseError)
    {
        self = try bytes.withMemoryRebound(to: UInt8.self) { (buffer) throws(JSONParseError) in
            try JSONValue(parsing: buffer, options: options)
        }
    }

    /// Parses a JSON text from an array of bytes.
    ///
    /// - Parameters:
    ///   - bytes: The text, UTF-8.
    ///   - options: The limits.
    /// - Throws: ``JSONParseError``; offsets count from the array's first byte.
    public init(parsing bytes: [UInt8], options: JSONParseOptions = .init())
        throws(JSONParseError)
    {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) in
            try JSONValue(parsing: buffer, options: options)
        }
    }

    /// Parses a JSON text from a slice of bytes, such as a packet's payload after its type.
    ///
    /// - Parameters:
    ///   - bytes: The text, UTF-8.
    ///   - options: The limits.
    /// - Throws: ``JSONParseError``; offsets count from the slice's first byte.
    public init(parsing bytes: ArraySlice<UInt8>, options: JSONParseOptions = .init())
        throws(JSONParseError)
    {
        self = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) in
            try JSONValue(parsing: buffer, options: options)
        }
    }

    /// Parses a JSON text held in a `String` (its UTF-8, without copying a native string).
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - options: The limits.
    /// - Throws: ``JSONParseError``; offsets count UTF-8 bytes.
    public init(parsing text: String, options: JSONParseOptions = .init()) throws(JSONParseError) {
        var text = text
        text.makeContiguousUTF8()
        let parsed = text.utf8.withContiguousStorageIfAvailable { buffer in
            Result { () throws(JSONParseError) in try JSONValue(parsing: buffer, options: options) }
        }
        self = try
            (parsed
            ?? Result { () throws(JSONParseError) in
                try JSONValue(parsing: Array(text.utf8), options: options)
            }).get()
    }
}
