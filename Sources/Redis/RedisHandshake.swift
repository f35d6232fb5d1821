/// The commands a connection sends before any request: choose the protocol, log in, name
/// the client, choose the database.
///
/// They are sent pipelined, all at once, and their replies checked in order; the
/// connection counts as open only when every one has succeeded. After a reconnect they are
/// sent again, which is why a database or a login must be given in the configuration
/// rather than sent as ordinary commands.
enum RedisHandshake {
    // snippet: handshake-commands
    /// The commands for `configuration`, in the order to send them.
    ///
    /// - Parameters:
    ///   - configuration: What to choose.
    ///   - selectsDatabase: `false` for pub/sub, whose channels ignore databases.
    /// - Returns: Possibly none, for RESP2 without a password on database 0.
    static func commands(
        for configuration: RedisConfiguration,
        selectsDatabase: Bool
    ) -> [RedisCommand] {
        var commands: [RedisCommand] = []
        switch configuration.protocolVersion {
        case .resp3:
            // HELLO does it all at once: protocol, login, name.
            var hello: [RedisArgument] = ["HELLO", "3"]
            if let password = configuration.password {
                hello += ["AUTH", RedisArgument(configuration.username ?? "default")]
                hello.append(RedisArgument(password))
            }
            if let name = configuration.clientName { hello += ["SETNAME", RedisArgument(name)] }
            commands.append(RedisCommand(hello))
        case .resp2:
            if let password = configuration.password {
                if let username = configuration.username {
                    commands.append(
                        RedisCommand("AUTH", RedisArgument(username), RedisArgument(password))
                    )
                } else {
                    commands.append(RedisCommand("AUTH", RedisArgument(password)))
                }
            }
            if let name = configuration.clientName {
                commands.append(RedisCommand("CLIENT", "SETNAME", RedisArgument(name)))
            }
        }
        if selectsDatabase && configuration.database != 0 {
            commands.append(RedisCommand("SELECT", RedisArgument(configuration.database)))
        }
        return commands
    }
    // end-snippet
}
