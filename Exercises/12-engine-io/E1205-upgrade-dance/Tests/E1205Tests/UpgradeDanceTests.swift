import E1205
import EngineIO
import Testing

@Suite("12.5a Your upgrade dance, packet by packet")
struct UpgradeDanceTests {
    @Test("a new dance is probing, and a poll is held as usual")
    func fresh() throws {
        let dance = try UpgradeDance()
        #expect(dance.phase == .probing)
        #expect(!dance.endsPollsAtOnce)
    }

    @Test("2probe, then 5: the probe is answered, polls end at once, then the session switches")
    func probeThenUpgrade() throws {
        var dance = try UpgradeDance()
        #expect(dance.received(.ping("probe")) == .answerProbe)
        #expect(dance.phase == .probed)
        #expect(dance.endsPollsAtOnce, "the client is on its way: do not keep its poll")
        #expect(dance.received(.upgrade) == .switchTransport)
        #expect(dance.phase == .upgraded)
        #expect(!dance.endsPollsAtOnce, "no more polls: the session is on its WebSocket")
    }

    @Test("a 5 without a probe still switches, as the reference server allows")
    func upgradeWithoutProbe() throws {
        var dance = try UpgradeDance()
        #expect(dance.received(.upgrade) == .switchTransport)
        #expect(dance.phase == .upgraded)
    }

    static let strangers: [EngineIOPacket] = [
        .message(.text("hi")), .message(.binary([1])), .ping(""), .ping("other"),
        .pong("probe"), .close, .noop,
        .open(
            EngineIOHandshake(
                sid: "x",
                upgrades: [],
                pingInterval: .seconds(1),
                pingTimeout: .seconds(1),
                maxPayload: 1
            )
        ),
    ]

    @Test("anything else on the probing socket abandons the upgrade", arguments: strangers)
    func abandonsWhileProbing(packet: EngineIOPacket) throws {
        var dance = try UpgradeDance()
        #expect(dance.received(packet) == .abandon)
        #expect(dance.phase == .abandoned)
        #expect(!dance.endsPollsAtOnce, "abandoned: the session polls as before")
    }

    @Test("anything else after the probe abandons it too", arguments: strangers)
    func abandonsWhenProbed(packet: EngineIOPacket) throws {
        var dance = try UpgradeDance()
        _ = dance.received(.ping("probe"))
        #expect(dance.received(packet) == .abandon)
        #expect(dance.phase == .abandoned)
        #expect(!dance.endsPollsAtOnce)
    }

    @Test("a second probe is not the dance; once abandoned, nothing revives it")
    func noSecondChance() throws {
        var twice = try UpgradeDance()
        _ = twice.received(.ping("probe"))
        #expect(twice.received(.ping("probe")) == .abandon)
        var abandoned = try UpgradeDance()
        _ = abandoned.received(.noop)
        #expect(abandoned.received(.ping("probe")) == .abandon)
        #expect(abandoned.received(.upgrade) == .abandon)
        #expect(abandoned.phase == .abandoned)
    }
}
