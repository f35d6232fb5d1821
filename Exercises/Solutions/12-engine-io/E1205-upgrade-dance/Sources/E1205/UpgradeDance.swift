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
    /// - Throws: Nothing; it is declared `throws` so that the starter could throw.
    public init() throws {}

    /// Whether a poll that arrives now must be answered at once rather than held.
    public var endsPollsAtOnce: Bool { phase == .probed }

    /// A packet arrived on the probing WebSocket.
    ///
    /// - Parameter packet: The packet.
    /// - Returns: What the session must do.
    public mutating func received(_ packet: EngineIOPacket) -> EngineIOUpgradeAction {
        if phase == .probing, packet == .ping("probe") {
            phase = .probed
            return .answerProbe
        }
        if phase == .probing || phase == .probed, packet == .upgrade {
            phase = .upgraded
            return .switchTransport
        }
        phase = .abandoned
        return .abandon
    }
}
