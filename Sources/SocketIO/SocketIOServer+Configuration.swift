import EngineIO

extension SocketIOServer {
    /// The server's options, each with a default: the JavaScript server's where it has one.
    public struct Configuration: Sendable {
        /// The Engine.IO layer's timers and limits (pings, `maxPayload`, buffered bytes per
        /// client, sessions, CORS).
        public var engine = EngineIOServer.Configuration()
        /// The HTTP path clients connect to.
        public var path = "/socket.io/"
        /// How packets become messages; every client must use the same.
        public var parser: any SocketIOParser = SocketIOJSONParser()
        /// How long a new connection may take to CONNECT to a namespace before it is
        /// closed (the JavaScript `connectTimeout`, 45 s).
        public var connectTimeout: Duration = .seconds(45)
        /// The most acknowledgements one socket may wait for at once; an emit that asks for
        /// one more gets ``SocketIOError/tooManyPendingAcks(limit:)`` at once.
        public var maximumPendingAcks = 1000
        /// How fast one connection may send packets: a burst, then a steady rate; faster
        /// closes it (``SocketIODisconnectReason/rateLimitExceeded``).
        public var eventRateLimit = EventRate(perSecond: 10_000, burst: 10_000)
        /// Connection state recovery: `nil` (the default) turns it off.
        public var connectionStateRecovery: ConnectionStateRecovery?
        /// Makes each namespace's adapter: the in-memory one by default.
        public var adapter: @Sendable (SocketIONamespace) -> any SocketIOAdapter = {
            SocketIOMemoryAdapter(namespace: $0)
        }

        /// The JavaScript server's defaults.
        public init() {}
    }

    /// A packet rate: a burst, then a steady pace.
    public struct EventRate: Sendable, Equatable {
        /// Packets per second, on average.
        public var perSecond: Int
        /// Packets that may come at once.
        public var burst: Int

        /// A rate.
        ///
        /// - Parameters:
        ///   - perSecond: The steady pace.
        ///   - burst: The most at once.
        public init(perSecond: Int, burst: Int) {
            self.perSecond = perSecond
            self.burst = burst
        }
    }

    /// Connection state recovery (Socket.IO 4.6): a client whose connection dropped comes
    /// back within a window and finds its socket as it was: the same id, its rooms, its
    /// `data`, and the events it missed.
    ///
    /// The server then adds an *offset* to every event it sends (as the last argument),
    /// and the client remembers the last one it received; when it reconnects, it sends
    /// its private session id (`pid`, from the CONNECT reply) and that offset, and the
    /// server replays what came after.
    public struct ConnectionStateRecovery: Sendable, Equatable {
        /// How long after a disconnection the state is kept (2 minutes in JavaScript).
        public var maximumDisconnectionDuration: Duration = .seconds(120)
        /// Whether a recovered socket skips the namespace's middlewares (it passed them
        /// when it first connected).
        public var skipsMiddlewares = true
        /// The most packets kept per socket for replay; a client that missed more than
        /// this starts afresh.
        public var maximumMissedPackets = 1000

        /// The JavaScript defaults.
        public init() {}
    }
}
