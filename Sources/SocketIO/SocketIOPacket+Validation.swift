/// Which end of a connection received a packet: the rules differ a little.
public enum SocketIOPeerRole: Sendable, Equatable {
    /// The server, receiving from a client.
    case server
    /// A client, receiving from the server.
    case client
}

extension SocketIOPacket {
    /// Event names the JavaScript library keeps for itself; a peer may not send them.
    ///
    /// A client that emits `disconnect` would otherwise run the server's own disconnect
    /// handlers; socket.io-parser refuses such a packet as invalid, and so do we.
    public static let reservedEventNames: Set<String> = [
        "connect", "connect_error", "disconnect", "disconnecting", "newListener",
        "removeListener",
    ]

    // snippet: packet-validation
    /// Checks that the packet has the shape its type needs (socket.io-parser's
    /// `isPayloadValid`, and the Readme's "MUST close the connection" rules).
    ///
    /// | type                     | data must be                                           |
    /// |--------------------------|--------------------------------------------------------|
    /// | CONNECT                  | absent or an object (server); an object (client)       |
    /// | DISCONNECT               | absent                                                 |
    /// | EVENT, BINARY_EVENT      | a non-empty array whose first element is a string name |
    /// | ACK, BINARY_ACK          | an array (possibly empty), with an ack id              |
    /// | CONNECT_ERROR            | never sent to a server; an object or string to a client |
    ///
    /// - Parameter role: Who received it.
    /// - Throws: ``SocketIOProtocolError/invalidPayload(_:)`` or
    ///   ``SocketIOProtocolError/unexpectedPacket(_:)``.
    public func validate(receivedBy role: SocketIOPeerRole) throws(SocketIOProtocolError) {
        switch type {
        case .connect:
            switch (data, role) {
            case (nil, .server), (.object?, _): return
            default: throw .invalidPayload("a CONNECT payload must be an object")
            }
        case .disconnect:
            guard data == nil else { throw .invalidPayload("a DISCONNECT carries no payload") }
        case .event, .binaryEvent:
            guard case .array(let elements)? = data, case .string(let name)? = elements.first
            else {
                throw .invalidPayload("an EVENT payload must be an array starting with a name")
            }
            guard !Self.reservedEventNames.contains(name) else {
                throw .invalidPayload("\(name.debugDescription) is a reserved event name")
            }
        case .ack, .binaryAck:
            guard case .array? = data else {
                throw .invalidPayload("an ACK payload must be an array")
            }
            guard id != nil else { throw .invalidPayload("an ACK without an id") }
        case .connectError:
            guard role == .client else { throw .unexpectedPacket("a CONNECT_ERROR from a client") }
            switch data {
            case .object?, .string?: return
            default: throw .invalidPayload("a CONNECT_ERROR payload must be an object")
            }
        }
    }
    // end-snippet
}
