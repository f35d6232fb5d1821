/// The library's upgrade dance: `2probe`, then `5`; anything else abandons it.
///
/// It is not public: the course's exercise 12.5 has the learner write this state machine,
/// and an exercise must not be able to hand its work to the library's (``EngineIOParts``
/// takes any ``EngineIOUpgradeDance``).
package struct UpgradeDance: EngineIOUpgradeDance, Equatable {
    package private(set) var phase = EngineIOUpgradePhase.probing

    /// A dance that has not begun: the WebSocket is open, no probe yet.
    package init() {}

    package mutating func received(_ packet: EngineIOPacket) -> EngineIOUpgradeAction {
        switch (phase, packet) {
        case (.probing, .ping("probe")):
            phase = .probed
            return .answerProbe
        case (.probing, .upgrade), (.probed, .upgrade):
            // The reference server does not insist on the probe before the 5.
            phase = .upgraded
            return .switchTransport
        default:
            phase = .abandoned
            return .abandon
        }
    }

    package var endsPollsAtOnce: Bool { phase == .probed }
}
