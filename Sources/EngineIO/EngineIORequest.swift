import HTTP

/// What an HTTP request to the Engine.IO path asks for, read from its query.
///
/// Every request names the protocol version (`EIO=4`) and the transport; every request
/// after the handshake also names its session (`sid`). Anything else in the query (a
/// cache-busting `t=…`, the application's own parameters) is ignored here.
///
/// ```
///   GET  /engine.io/?EIO=4&transport=polling                 handshake (long-polling)
///   GET  /engine.io/?EIO=4&transport=polling&sid=…           wait for packets
///   POST /engine.io/?EIO=4&transport=polling&sid=…           send packets
///   GET  /engine.io/?EIO=4&transport=websocket               handshake (WebSocket only)
///   GET  /engine.io/?EIO=4&transport=websocket&sid=…         upgrade a polling session
/// ```
public struct EngineIORequest: Sendable, Equatable {
    /// The transport the request uses.
    public var transport: EngineIOTransport
    /// The session, or `nil` for a handshake.
    public var sessionID: String?

    /// Reads and checks the query.
    ///
    /// - Parameters:
    ///   - query: The request's decoded query.
    ///   - transports: The transports the server offers.
    /// - Throws: ``EngineIORequestError/unknownTransport`` or
    ///   ``EngineIORequestError/unsupportedProtocolVersion``.
    public init(
        query: HTTPQuery,
        transports: Set<EngineIOTransport> = Set(EngineIOTransport.allCases)
    ) throws(EngineIORequestError) {
        guard let name = query["transport"], let transport = EngineIOTransport(rawValue: name),
            transports.contains(transport)
        else { throw .unknownTransport }
        guard query["EIO"] == "4" else { throw .unsupportedProtocolVersion }
        self.transport = transport
        let sid = query["sid"]
        self.sessionID = sid?.isEmpty == true ? nil : sid
    }
}

/// The two ways Engine.IO carries packets.
public enum EngineIOTransport: String, Sendable, Hashable, CaseIterable {
    /// HTTP long-polling: a held `GET` for the server's packets, a `POST` for the client's.
    case polling
    /// One WebSocket, one packet per message.
    case websocket
}
