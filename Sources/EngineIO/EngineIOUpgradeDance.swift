// snippet: dance-protocol
/// The server's side of the upgrade, free of sockets: what each packet on the new
/// WebSocket means while a polling session moves over to it.
///
/// The client proves the WebSocket works with a ping carrying `probe`, and commits with
/// `5`. The server answers the probe, and from then on ends every poll at once (with a
/// noop after whatever is queued) so the client can stop polling without losing a
/// packet; on `5` it sends everything by the WebSocket. Anything else on the probing
/// socket means it is not doing the dance, and the upgrade is abandoned: the session
/// goes on polling.
///
/// ```
///              2probe                    5
///   probing ───────────▶ probed ───────────────▶ upgraded
///      │   (answer 3probe,  │    (switch: the outbox
///      │    end the poll)   │     goes by WebSocket)
///      └────────┬───────────┘
///               ▼ anything else, a timeout, or the socket closing
///           abandoned (close the WebSocket, keep polling)
/// ```
///
/// A session makes one with ``EngineIOParts``' dance factory for every WebSocket that
/// asks to take it over, and performs the ``EngineIOUpgradeAction`` each packet gets.
/// The library has its own; the course's exercise 12.5 plugs in the learner's.
public protocol EngineIOUpgradeDance {
    /// Where the dance is.
    var phase: EngineIOUpgradePhase { get }

    /// Whether a poll that arrives now must be answered at once rather than held: after
    /// the probe, the client is on its way to the WebSocket and must not be kept waiting.
    var endsPollsAtOnce: Bool { get }

    /// A packet arrived on the probing WebSocket.
    ///
    /// - Parameter packet: The packet.
    /// - Returns: What the session must do.
    mutating func received(_ packet: EngineIOPacket) -> EngineIOUpgradeAction
}
// end-snippet

/// Where an upgrade stands.
public enum EngineIOUpgradePhase: Sendable, Equatable {
    /// The WebSocket is open; no probe yet.
    case probing
    /// The probe was answered; waiting for `5`.
    case probed
    /// The session moved to the WebSocket.
    case upgraded
    /// The WebSocket was given up; the session polls.
    case abandoned
}

/// What a session must do about a packet on the WebSocket that probes an upgrade.
public enum EngineIOUpgradeAction: Sendable, Equatable {
    /// Send `3probe` on the WebSocket, and end the held poll (if any) with what is
    /// queued and a noop.
    case answerProbe
    /// Make the WebSocket the session's transport and send the outbox by it; end a
    /// held poll with a noop.
    case switchTransport
    /// Close the WebSocket; the session goes on polling.
    case abandon
}
