/// A Redis command: its name and arguments, sent as a RESP array of bulk strings.
///
/// Whatever protocol version the connection speaks, requests are always in this one form
/// (`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n`): the server reads the first element as
/// the command's name, case-insensitively, and the rest as its arguments.
public struct RedisCommand: Hashable, Sendable, CustomStringConvertible {
    /// The name first, then the arguments.
    public var arguments: [RedisArgument]

    /// A command from its parts.
    ///
    /// - Parameter arguments: The name, then the arguments; at least the name.
    public init(_ arguments: [RedisArgument]) {
        precondition(!arguments.isEmpty, "a Redis command needs at least its name")
        self.arguments = arguments
    }

    /// A command from its parts.
    ///
    /// - Parameter arguments: The name, then the arguments, such as `"GET", "key"`.
    public init(_ arguments: RedisArgument...) {
        self.init(arguments)
    }

    /// The command's name in capitals, such as `GET`, for errors and logs.
    public var name: String { arguments[0].description.uppercased() }

    /// The command's name alone: arguments may hold passwords and private data, so
    /// this is what logs and errors show.
    public var description: String { name }

    // snippet: resp-encode-command
    /// Appends the command, as RESP, to `buffer`.
    ///
    /// - Parameter buffer: Where the bytes go; many commands may share one buffer, which
    ///   is how a pipeline leaves in one `send`.
    public func encode(into buffer: inout [UInt8]) {
        RESPValue.appendHeader(.array, arguments.count, to: &buffer)
        for argument in arguments {
            RESPValue.appendHeader(.bulkString, argument.bytes.count, to: &buffer)
            buffer.append(contentsOf: argument.bytes)
            buffer.append(contentsOf: RESPValue.lineEnd)
        }
    }
    // end-snippet

    /// The command as RESP.
    public var encoded: [UInt8] {
        var buffer: [UInt8] = []
        encode(into: &buffer)
        return buffer
    }
}
