import EventLoop

/// How many packets a connection may send: a token bucket, free of timers and sockets.
///
/// The bucket holds up to `burst` tokens and fills at `rate` tokens a second; each
/// packet takes one. A client may send a burst (a page that loads and emits twenty
/// things at once), and then keep up any pace below the rate forever; a client that
/// floods runs dry, and the connection is closed rather than letting it keep a loop busy
/// (every event runs the application's handlers on that loop, while the loop's other
/// connections wait).
struct EventRateLimiter {
    let rate: Int
    let burst: Int
    private var tokens: Double
    private var lastFill: LoopInstant

    /// A full bucket.
    ///
    /// - Parameters:
    ///   - rate: Tokens added per second.
    ///   - burst: The most tokens it holds.
    ///   - now: The loop's time.
    init(rate: Int, burst: Int, now: LoopInstant) {
        self.rate = rate
        self.burst = burst
        self.tokens = Double(burst)
        self.lastFill = now
    }

    /// Takes a token for one packet.
    ///
    /// - Parameter now: The loop's time.
    /// - Returns: `false` if the bucket is empty: the client sends too fast.
    mutating func allow(at now: LoopInstant) -> Bool {
        if tokens < 1 && now > lastFill {
            let elapsed = Double(now.nanoseconds - lastFill.nanoseconds) / 1e9
            tokens = min(Double(burst), tokens + elapsed * Double(rate))
            lastFill = now
        }
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
