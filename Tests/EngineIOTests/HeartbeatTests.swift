import EventLoop
import Testing

@testable import EngineIO

@Suite("The server's heartbeat (CONTRACT D.3)")
struct HeartbeatTests {
    let start = LoopInstant(nanoseconds: 1_000_000_000)

    @Test("the first ping is due one interval after the open packet")
    func firstPing() {
        var heartbeat = Heartbeat(
            interval: .milliseconds(300),
            timeout: .milliseconds(200),
            openedAt: start
        )
        #expect(heartbeat.nextDeadline == start + .milliseconds(300))
        #expect(heartbeat.timerFired(at: start + .milliseconds(299)) == nil)
        #expect(heartbeat.timerFired(at: start + .milliseconds(300)) == .sendPing)
        #expect(heartbeat.nextDeadline == start + .milliseconds(500))
    }

    @Test("a pong in time sets the next ping one interval after the pong")
    func pongInTime() {
        var heartbeat = Heartbeat(
            interval: .milliseconds(300),
            timeout: .milliseconds(200),
            openedAt: start
        )
        _ = heartbeat.timerFired(at: start + .milliseconds(300))
        heartbeat.pongReceived(at: start + .milliseconds(350))
        #expect(heartbeat.nextDeadline == start + .milliseconds(650))
        #expect(heartbeat.timerFired(at: start + .milliseconds(500)) == nil)
        #expect(heartbeat.timerFired(at: start + .milliseconds(650)) == .sendPing)
    }

    @Test("no pong within the timeout: the session times out")
    func timeout() {
        var heartbeat = Heartbeat(
            interval: .milliseconds(300),
            timeout: .milliseconds(200),
            openedAt: start
        )
        _ = heartbeat.timerFired(at: start + .milliseconds(300))
        #expect(heartbeat.timerFired(at: start + .milliseconds(499)) == nil)
        #expect(heartbeat.timerFired(at: start + .milliseconds(500)) == .timedOut)
    }

    @Test("a pong nobody asked for changes nothing: the client cannot hurry the pings")
    func unsolicitedPong() {
        var heartbeat = Heartbeat(
            interval: .milliseconds(300),
            timeout: .milliseconds(200),
            openedAt: start
        )
        heartbeat.pongReceived(at: start + .milliseconds(100))
        #expect(heartbeat.nextDeadline == start + .milliseconds(300))
    }
}

@Suite("The server's upgrade dance (CONTRACT D.5)")
struct UpgradeDanceTests {
    @Test("probe, then 5: the probe is answered, then the transport switches")
    func probeThenUpgrade() {
        var dance = UpgradeDance()
        #expect(!dance.endsPollsAtOnce)
        #expect(dance.received(.ping("probe")) == .answerProbe)
        #expect(dance.endsPollsAtOnce)
        #expect(dance.received(.upgrade) == .switchTransport)
        #expect(dance.phase == .upgraded)
        #expect(!dance.endsPollsAtOnce)
    }

    @Test("a 5 without a probe still switches, as the reference server allows")
    func upgradeWithoutProbe() {
        var dance = UpgradeDance()
        #expect(dance.received(.upgrade) == .switchTransport)
    }

    @Test(
        "anything else on the probing socket abandons the upgrade",
        arguments: [
            EngineIOPacket.message(.text("hi")), .ping(""), .ping("other"), .pong("probe"),
            .close, .noop,
        ]
    )
    func anythingElse(packet: EngineIOPacket) {
        var dance = UpgradeDance()
        #expect(dance.received(packet) == .abandon)
        #expect(dance.phase == .abandoned)
        var probed = UpgradeDance()
        _ = probed.received(.ping("probe"))
        #expect(probed.received(packet) == .abandon)
    }
}
