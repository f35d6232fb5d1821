// Exercise 12.5: the server's side of the upgrade, from polling to a WebSocket.
// Read the task in ../../README.md; check it with `swift run grade 12.5`.

import EngineIO
import ExerciseSupport

/// What each packet on a probing WebSocket means while a polling session moves to it.
///
/// ```
///              2probe                    5
///   probing ───────────▶ probed ───────────────▶ upgraded
///      │                    │
///      └────────┬───────────┘
///               ▼ anything else
///           abandoned
/// ```
///
/// The session makes one for every WebSocket that asks to take it over, and performs the
/// action each packet gets.
public struct UpgradeDance: EngineIOUpgradeDance {
    /// Where the dance is.
    public private(set) var phase = EngineIOUpgradePhase.probing

    /// A dance that has not begun: the WebSocket is open, no probe yet.
    ///
    /// - Throws: Nothing once written; the starter throws ``Unimplemented`` (the
    ///   protocol's methods cannot throw, so the stub lives here).
    public init() throws {
        // TODO(E1205): delete this line once the two members below work.
        throw Unimplemented("E1205: UpgradeDance (received, endsPollsAtOnce)")
    }

    /// Whether a poll that arrives now must be answered at once rather than held.
    public var endsPollsAtOnce: Bool {
        // TODO(E1205): in which phase is the client on its way to the WebSocket, so that
        // keeping its poll waiting would hold it up?
        false  // a placeholder until written
    }

    /// A packet arrived on the probing WebSocket.
    ///
    /// - Parameter packet: The packet.
    /// - Returns: What the session must do.
    public mutating func received(_ packet: EngineIOPacket) -> EngineIOUpgradeAction {
        // TODO(E1205): move `phase` along the diagram and say what the session must do.
        .abandon  // a placeholder until written
    }
}
