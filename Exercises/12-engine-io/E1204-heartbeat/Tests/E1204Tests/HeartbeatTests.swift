import E1204
import EngineIO
import EventLoop
import Testing

/// When the session opened, on a fake clock.
///
/// The heartbeat never reads a clock itself, so a test can say what time it is.
let opened = LoopInstant(nanoseconds: 5_000_000_000)

/// `milliseconds` after the session opened.
func at(_ milliseconds: Int) -> LoopInstant { opened + .milliseconds(milliseconds) }

/// Your heartbeat with the contract's timers: ping every 300 ms, 200 ms to answer.
func contractHeartbeat() throws -> Heartbeat {
    try Heartbeat(interval: .milliseconds(300), timeout: .milliseconds(200), openedAt: opened)
}

@Suite("12.4a Your heartbeat, on a fake clock")
struct HeartbeatTests {
    @Test("the first ping is due one interval after the open packet, not before")
    func firstPing() throws {
        var heartbeat = try contractHeartbeat()
        #expect(heartbeat.nextDeadline == at(300))
        #expect(heartbeat.timerFired(at: at(299)) == nil, "a timer may fire a little early")
        #expect(heartbeat.nextDeadline == at(300), "an early timer changes nothing")
        #expect(heartbeat.timerFired(at: at(300)) == .sendPing)
    }

    @Test("after the ping, the pong is due one timeout after the ping went out")
    func pongDeadline() throws {
        var heartbeat = try contractHeartbeat()
        #expect(heartbeat.timerFired(at: at(300)) == .sendPing)
        #expect(heartbeat.nextDeadline == at(500))
        var late = try contractHeartbeat()
        #expect(late.timerFired(at: at(350)) == .sendPing, "a busy loop fired 50 ms late")
        #expect(late.nextDeadline == at(550), "the client has its full timeout from the ping")
    }

    @Test("a pong in time: the next ping is due one interval after the pong")
    func pongInTime() throws {
        var heartbeat = try contractHeartbeat()
        _ = heartbeat.timerFired(at: at(300))
        heartbeat.pongReceived(at: at(350))
        #expect(heartbeat.nextDeadline == at(650))
        #expect(heartbeat.timerFired(at: at(500)) == nil, "the old pong deadline is gone")
        #expect(heartbeat.timerFired(at: at(650)) == .sendPing)
        #expect(heartbeat.nextDeadline == at(850))
    }

    @Test("no pong within the timeout: the session times out, not a moment before")
    func timeout() throws {
        var heartbeat = try contractHeartbeat()
        _ = heartbeat.timerFired(at: at(300))
        #expect(heartbeat.timerFired(at: at(499)) == nil)
        #expect(heartbeat.timerFired(at: at(500)) == .timedOut)
    }

    @Test("a pong nobody asked for changes nothing: a client cannot hurry the pings")
    func unsolicitedPong() throws {
        var heartbeat = try contractHeartbeat()
        heartbeat.pongReceived(at: at(100))
        #expect(heartbeat.nextDeadline == at(300))
        #expect(heartbeat.timerFired(at: at(300)) == .sendPing)
        heartbeat.pongReceived(at: at(320))
        heartbeat.pongReceived(at: at(330))  // a second pong for the same ping
        #expect(heartbeat.nextDeadline == at(620))
    }

    @Test("round after round with the JavaScript server's defaults, 25 s and 20 s")
    func rounds() throws {
        var heartbeat = try Heartbeat(
            interval: .seconds(25),
            timeout: .seconds(20),
            openedAt: opened
        )
        var now = 0
        for round in 1...3 {
            now += 25_000
            #expect(heartbeat.nextDeadline == at(now), "round \(round)")
            #expect(heartbeat.timerFired(at: at(now)) == .sendPing, "round \(round)")
            now += 1_000  // the pong takes a second
            heartbeat.pongReceived(at: at(now))
        }
        #expect(heartbeat.timerFired(at: at(now + 20_000)) == nil, "a pong came: no timeout")
        #expect(heartbeat.timerFired(at: at(now + 25_000)) == .sendPing)
        #expect(heartbeat.timerFired(at: at(now + 45_000)) == .timedOut)
    }
}
